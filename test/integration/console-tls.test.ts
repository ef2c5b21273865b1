/** Trusting a console's certificate: verified by default, pinned by its SHA-256, or not at all. */
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PowerVmClient, type ConsoleTls } from '../../src/powervm/index.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { caught } from '../support/caught.js';
import { selfSignedCertificate } from '../support/tls.js';

const console1 = selfSignedCertificate();
const stranger = selfSignedCertificate();
const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;
const hex = (colons: string): string => colons.replaceAll(':', '');

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ tls: { cert: console1.cert, key: console1.key }, lpars: 1 });
});
afterAll(() => sim.close());

const client = (tls: ConsoleTls, url = sim.url) =>
  new PowerVmClient({
    name: 'hmc-under-test',
    url,
    user: 'hscroot',
    password: 'abc123',
    tls,
    timeoutMs: 5_000,
  });

async function systems(tls: ConsoleTls): Promise<number> {
  const c = client(tls);
  try {
    return (await c.listSystems()).length;
  } finally {
    await c.logoff();
  }
}

describe('console certificates', () => {
  it('are verified by default: a self-signed console fails with a TLS error that says what to do', async () => {
    const error = await caught(client({}).listSystems());
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(/^console hmc-under-test: certificate not trusted .*tls_pin_sha256/);
  });

  it('a matching pin trusts the self-signed certificate', async () => {
    expect(await systems({ pinSha256: hex(fingerprint(console1.cert)) })).toBe(1);
    // With a CA as well, both must hold: the chain and the pin.
    expect(await systems({ pinSha256: hex(fingerprint(console1.cert)), ca: console1.cert })).toBe(1);
    expect(await systems({ ca: console1.cert })).toBe(1);
  });

  it('a wrong pin fails, naming the console and both fingerprints, even when the CA would pass', async () => {
    for (const tls of [
      { pinSha256: hex(fingerprint(stranger.cert)) },
      { pinSha256: hex(fingerprint(stranger.cert)), ca: console1.cert },
    ]) {
      const error = await caught(client(tls).listSystems());
      expect(error.kind).toBe('tls');
      expect(error.message).toBe(
        `console hmc-under-test: certificate fingerprint mismatch: expected SHA-256 ${fingerprint(stranger.cert)}, got ${fingerprint(console1.cert)}`,
      );
    }
  });

  it('a wrong pin stops the connection before a single byte of the logon (the password) is sent', async () => {
    let received = 0;
    const server = createServer({ cert: console1.cert, key: console1.key }, (socket) => {
      socket.on('data', (data: Buffer) => (received += data.length));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const error = await caught(client({ pinSha256: hex(fingerprint(stranger.cert)) }, url).listSystems());
      expect(error.kind).toBe('tls');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toBe(0);
    } finally {
      server.close();
    }
  });

  it('insecure mode accepts any certificate', async () => {
    expect(await systems({ insecure: true })).toBe(1);
  });
});
