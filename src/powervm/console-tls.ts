import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** How the exporter trusts a console's certificate. */
export interface ConsoleTls {
  /** PEM of the CA (or the self-signed certificate) to trust instead of the system's CAs. */
  ca?: string | Buffer | undefined;
  /** No verification at all: only by an explicit opt-in, and announced at start. */
  insecure?: boolean | undefined;
  /**
   * SHA-256 fingerprint of the console's own (leaf) certificate, 64 hex digits as
   * `normalizeFingerprint` returns them: that exact certificate is trusted, and no other.
   */
  pinSha256?: string | undefined;
}

/** The `verification` label of powervm_console_tls_info. */
export type TlsVerification = 'verified' | 'pinned' | 'off' | 'plaintext';

/** The error code of a certificate that does not match its pin. */
export const PIN_MISMATCH = 'ERR_TLS_CERT_PIN_MISMATCH';

export function tlsVerification(url: string, tls: ConsoleTls | undefined): TlsVerification {
  if (!url.startsWith('https:')) return 'plaintext';
  if (tls?.insecure) return 'off';
  return tls?.pinSha256 ? 'pinned' : 'verified';
}

/**
 * `AB:CD:…` (what `openssl x509 -fingerprint -sha256` prints, with or without its `sha256
 * Fingerprint=` prefix) or plain hex, to 64 upper-case hex digits; undefined when it is not one.
 */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text
    .trim()
    .replace(/^sha256 fingerprint=/i, '')
    .replaceAll(':', '')
    .toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : undefined;
}

const withColons = (hex: string): string => hex.replace(/(..)(?!$)/g, '$1:');

/** The agent for a console's HTTPS requests: verified by default, pinned or unverified on request. */
export function consoleHttpsAgent(tls: ConsoleTls | undefined): https.Agent {
  const base = { keepAlive: true, ca: tls?.ca };
  if (tls?.pinSha256) return new PinnedAgent(base, tls.pinSha256);
  return new https.Agent({ ...base, rejectUnauthorized: !tls?.insecure });
}

/**
 * Trusts exactly one certificate. The chain is still verified when a CA is given; without one, a
 * self-signed or unknown-CA certificate passes the handshake, and the leaf's fingerprint is
 * compared in the `secureConnect` event: Node emits it synchronously from the handshake's end,
 * before the request's buffered bytes are written, so a mismatch destroys the socket before the
 * logon body (the password) leaves. TLS sessions are not cached, so every connection shows its
 * certificate again (a resumed session would skip the check).
 */
class PinnedAgent extends https.Agent {
  constructor(
    options: https.AgentOptions,
    private readonly pin: string,
  ) {
    super({ ...options, rejectUnauthorized: options.ca !== undefined, maxCachedSessions: 0 });
  }

  override createConnection(...args: Parameters<https.Agent['createConnection']>): Duplex {
    const socket = super.createConnection(...args) as TLSSocket;
    socket.once('secureConnect', () => {
      const got = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      if (got === this.pin) return;
      const error = Object.assign(
        new Error(
          `certificate fingerprint mismatch: expected SHA-256 ${withColons(this.pin)}, got ${got ? withColons(got) : 'no certificate'}`,
        ),
        { code: PIN_MISMATCH },
      );
      socket.destroy(error);
    });
    return socket;
  }
}
