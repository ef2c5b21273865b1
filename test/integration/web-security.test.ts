/** The exporter's endpoint behind the web configuration: TLS, basic auth (bcrypt), bearer token. */
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createExporterServer,
  OtelSink,
  type ExporterServer,
  type WebSecurity,
} from '../../src/sinks/otel/index.js';
import { basicAuth, httpsGet } from '../support/https-get.js';
import { selfSignedCertificate } from '../support/tls.js';

const serverCert = selfSignedCertificate();
const clientCert = selfSignedCertificate();

const get = async (
  url: string,
  headers: Record<string, string> = {},
  cert?: { cert: string; key: string },
) => {
  const answer = await httpsGet(url, serverCert.cert, headers, cert);
  return { ...answer, challenge: answer.headers['www-authenticate'] };
};
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const sinks: OtelSink[] = [];
const servers: ExporterServer[] = [];
async function serve(web: WebSecurity): Promise<string> {
  const sink = new OtelSink();
  sinks.push(sink);
  const server = await createExporterServer({ host: '127.0.0.1', port: 0, sink, web });
  servers.push(server);
  return server.url;
}
afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), ...sinks.map((s) => s.shutdown())]);
});

describe('web configuration', () => {
  let url: string;
  beforeAll(async () => {
    url = await serve({
      tls: { cert: serverCert.cert, key: serverCert.key, clientAuth: 'NoClientCert' },
      basicAuthUsers: new Map([['prometheus', bcrypt.hashSync('scrape-pw', 4)]]),
      bearerToken: 'token-123',
    });
  });

  it('serves over TLS, and refuses without credentials with both challenges', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const refused = await get(`${url}/metrics`);
    expect(refused.status).toBe(401);
    expect(refused.challenge).toBe(
      'Basic realm="powervm-exporter", charset="UTF-8", Bearer realm="powervm-exporter"',
    );
    expect(refused.body).not.toContain('powervm_');
  });

  it('basic auth: 401 for a wrong password or user, 200 for the right pair (twice: the second from memory)', async () => {
    expect((await get(`${url}/metrics`, basicAuth('prometheus', 'wrong'))).status).toBe(401);
    expect((await get(`${url}/metrics`, basicAuth('nobody', 'scrape-pw'))).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const ok = await get(`${url}/metrics`, basicAuth('prometheus', 'scrape-pw'));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatch(/^powervm_build_info\{/m);
    }
  });

  it('bearer token: 401 for a wrong one, 200 for the right one', async () => {
    expect((await get(`${url}/metrics`, bearer('token-12'))).status).toBe(401);
    expect((await get(`${url}/metrics`, bearer('token-123'))).status).toBe(200);
  });

  it('protects every path, the probes and the landing page included', async () => {
    for (const path of ['/', '/-/healthy', '/-/ready', '/nowhere']) {
      expect((await get(`${url}${path}`)).status).toBe(401);
    }
    expect((await get(`${url}/-/healthy`, bearer('token-123'))).status).toBe(200);
  });

  it('RequireAndVerifyClientCert: no certificate, no connection; a certificate from client_ca_file gets in', async () => {
    const mtls = await serve({
      tls: {
        cert: serverCert.cert,
        key: serverCert.key,
        clientCa: clientCert.cert,
        clientAuth: 'RequireAndVerifyClientCert',
      },
    });
    await expect(get(`${mtls}/-/healthy`)).rejects.toThrow();
    await expect(get(`${mtls}/-/healthy`, {}, serverCert)).rejects.toThrow();
    expect((await get(`${mtls}/-/healthy`, {}, clientCert)).status).toBe(200);
  });
});
