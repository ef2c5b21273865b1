import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorMessage, FakeClock, texts, useSimulators } from './sim-client.js';

const start = useSimulators();

describe('logon', () => {
  it('answers a LogonResponse with a long opaque token and the console type', async () => {
    const c = await start({ users: { monitor: 'p<w>&d' } });
    const response = await c.logonRaw('monitor', 'p<w>&d');
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.ibm.powervm.web+xml; type=LogonResponse',
    );
    expect(response.headers.get('x-mc-type')).toBe('HMC');
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>/);
    expect(body).toContain(
      '<LogonResponse xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_1_0">',
    );
    expect(body).toMatch(/<Metadata>\s*<Atom\/>\s*<\/Metadata>/);
    const [token] = texts(body, 'X-API-Session');
    expect(token).toMatch(/^[A-Za-z0-9_-]{200,}$/);
  });

  it('refuses a wrong password or unknown user with 401 and an HttpErrorResponse', async () => {
    const c = await start();
    for (const [user, password] of [
      ['hscroot', 'wrong'],
      ['nobody', 'abc123'],
    ] as const) {
      const response = await c.logonRaw(user, password);
      expect(response.status).toBe(401);
      expect(errorMessage(await response.text())).toMatchObject({ status: '401' });
    }
  });

  it('gives every logon its own token', async () => {
    const c = await start();
    const first = (await c.logon()).token;
    const second = (await c.logon()).token;
    expect(second).not.toBe(first);
  });
});

describe('session tokens', () => {
  it('401 without a token or with a made-up one', async () => {
    const c = await start();
    for (const token of [undefined, 'not-a-token']) {
      const response = await fetch(`${c.sim.url}/rest/api/uom/ManagedSystem`, {
        headers: token ? { 'X-API-Session': token } : {},
      });
      expect(response.status).toBe(401);
      expect(errorMessage(await response.text()).status).toBe('401');
    }
  });

  it('a console restart (invalidateSessions) makes live tokens fail with 401', async () => {
    const c = await (await start()).logon();
    expect((await c.request('uom/ManagedSystem')).status).toBe(200);
    c.sim.invalidateSessions();
    expect((await c.request('uom/ManagedSystem')).status).toBe(401);
    await c.logon();
    expect((await c.request('uom/ManagedSystem')).status).toBe(200);
  });

  it('expires idle tokens after sessionTtlSeconds, but use keeps them alive', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T12:00:05Z'));
    const c = await (await start({ clock: clock.read, sessionTtlSeconds: 60 })).logon();
    clock.advance(50);
    expect((await c.request('uom/ManagedSystem')).status).toBe(200);
    clock.advance(50);
    expect((await c.request('uom/ManagedSystem')).status).toBe(200);
    clock.advance(61);
    expect((await c.request('uom/ManagedSystem')).status).toBe(401);
  });

  it('logoff (DELETE Logon) invalidates the token', async () => {
    const c = await (await start()).logon();
    const response = await c.request('web/Logon', { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await c.request('uom/ManagedSystem')).status).toBe(401);
    expect((await c.request('web/Logon', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('file-based logon', () => {
  it('on NovaLink writes the token to an absolute path, which then works; close removes the file', async () => {
    const tokenDir = mkdtempSync(path.join(tmpdir(), 'sim-tokens-'));
    const c = await start({ mcType: 'PVM', tokenDir });
    const response = await c.logonRaw('pypowervm_4a1e', undefined);
    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('x-mc-type')).toBe('PVM');
    const [file] = texts(body, 'X-API-SessionFile');
    expect(path.isAbsolute(file!)).toBe(true);
    expect(path.dirname(file!)).toBe(tokenDir);
    c.token = readFileSync(file!, 'utf8').trim();
    expect(c.token.length).toBeGreaterThan(100);
    expect((await c.request('uom/ManagedSystem')).status).toBe(200);
    await c.sim.close();
    expect(existsSync(file!)).toBe(false);
  });

  it('an HMC refuses it with 401', async () => {
    const c = await start({ mcType: 'HMC' });
    const response = await c.logonRaw('pypowervm_4a1e', undefined);
    expect(response.status).toBe(401);
    expect(errorMessage(await response.text()).message).toMatch(/NovaLink/);
  });

  it('a NovaLink console manages exactly one system', async () => {
    await expect(start({ mcType: 'PVM', systems: 2 })).rejects.toThrow(/exactly one system/);
  });
});

describe('errors', () => {
  it('unknown paths are 404 and wrong methods 405, both as HttpErrorResponse entries', async () => {
    const c = await (await start()).logon();
    const missing = await c.request('uom/Cluster');
    const body = await missing.text();
    expect(missing.status).toBe(404);
    expect(body).toMatch(/^<entry xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(body).toContain('<content type="application/vnd.ibm.powervm.web+xml; type=HttpErrorResponse">');
    expect(texts(body, 'RequestURI')).toEqual(['/rest/api/uom/Cluster']);
    expect(texts(body, 'ReasonCode')).toEqual(['Not Found']);
    expect(body).toContain('x-api-session=*******');
    expect(body).not.toContain(c.token);
    expect((await c.request('uom/ManagedSystem', { method: 'DELETE' })).status).toBe(405);
  });

  it('rejects a logon body that is not a LogonRequest with 400', async () => {
    const c = await start();
    const response = await fetch(`${c.sim.url}/rest/api/web/Logon`, { method: 'PUT', body: '<Other/>' });
    expect(response.status).toBe(400);
  });
});
