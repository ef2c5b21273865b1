import { describe, expect, it } from 'vitest';
import { normalizeFingerprint, tlsVerification } from '../../../src/powervm/index.js';

const HEX = 'B8DB696864162396' + '50D2AAD1F03D7EE1' + '03789A127C47FFCE' + '2585E1C853C40003';
const COLONS = HEX.replace(/(..)(?!$)/g, '$1:');

describe('certificate pins', () => {
  it('accept what openssl prints, with or without colons and prefix, in either case', () => {
    for (const text of [HEX, COLONS, COLONS.toLowerCase(), `sha256 Fingerprint=${COLONS}`, ` ${HEX}\n`]) {
      expect(normalizeFingerprint(text)).toBe(HEX);
    }
  });

  it('refuse anything that is not 32 bytes of hex (a SHA-1 fingerprint, a typo)', () => {
    for (const text of ['', HEX.slice(2), `${HEX}00`, HEX.replace('B', 'G'), COLONS.slice(0, 59)]) {
      expect(normalizeFingerprint(text)).toBeUndefined();
    }
  });

  it('name how each console is trusted, for powervm_console_tls_info', () => {
    expect(tlsVerification('https://h:12443', {})).toBe('verified');
    expect(tlsVerification('https://h:12443', { ca: 'pem' })).toBe('verified');
    expect(tlsVerification('https://h:12443', { pinSha256: HEX })).toBe('pinned');
    expect(tlsVerification('https://h:12443', { insecure: true })).toBe('off');
    expect(tlsVerification('http://h:12080', undefined)).toBe('plaintext');
  });
});
