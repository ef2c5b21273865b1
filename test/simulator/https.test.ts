import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../support/tls.js';
import { logonBody, useSimulators } from './sim-client.js';

const start = useSimulators();

/** Node's fetch cannot be handed a CA, so this one request goes through node:https. */
function put(url: string, body: string, ca: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', ca, rejectUnauthorized: ca !== undefined }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS', () => {
  const tls = selfSignedCertificate();

  it('serves the API over TLS with the given certificate', async () => {
    const c = await start({ tls: { cert: tls.cert, key: tls.key } });
    expect(c.sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const logon = await put(`${c.sim.url}/rest/api/web/Logon`, logonBody('hscroot', 'abc123'), tls.cert);
    expect(logon.status).toBe(200);
    expect(logon.text).toContain('<X-API-Session');
  });

  it('is rejected by a client that does not trust the certificate', async () => {
    const c = await start({ tls: { cert: tls.cert, key: tls.key } });
    const untrusted = new Promise((resolve, reject) => {
      const req = request(`${c.sim.url}/rest/api/web/Logon`, { method: 'PUT' }, resolve);
      req.on('error', reject);
      req.end(logonBody('hscroot', 'abc123'));
    });
    await expect(untrusted).rejects.toThrow(/self[- ]signed/i);
  });
});
