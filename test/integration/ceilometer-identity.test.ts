import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IdentityError, NovaDirectory } from '../../src/sinks/ceilometer/identity/nova.js';

// Bodies shaped like the Keystone v3 and Nova compute API reference examples.
const server = (id: string, name: string, instanceName: string, extra: object = {}) => ({
  id,
  name,
  status: 'ACTIVE',
  tenant_id: '6f70656e737461636b20342065766572',
  user_id: 'admin',
  hostId: '2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6',
  metadata: { 'My Server Name': 'Apache1', 'metering.server_group': 'web' },
  flavor: { disk: 1, ephemeral: 0, extra_specs: {}, original_name: 'm1.tiny', ram: 512, swap: 0, vcpus: 1 },
  'OS-EXT-SRV-ATTR:host': 'compute',
  'OS-EXT-SRV-ATTR:hypervisor_hostname': 'fake-mini',
  'OS-EXT-SRV-ATTR:instance_name': instanceName,
  links: [],
  ...extra,
});
const SERVERS = [
  server('c89ffb20-5d19-4a8c-bb80-13650627d985', 'web01', 'instance-00000001'),
  server('9168b536-cd40-4630-b43f-b259807c6e87', 'web02', 'instance-00000002'),
  server('2ce4c5b3-2866-4972-93ce-77a2ea46a7f9', 'db01', 'instance-00000003'),
];

interface Fake {
  url: string;
  requests: { method: string; url: string; body: string; token?: string }[];
  close(): Promise<void>;
}

async function fake(options: { password?: string; badJson?: boolean } = {}): Promise<Fake> {
  const requests: Fake['requests'] = [];
  let base = '';
  const srv: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const token = req.headers['x-auth-token'] as string | undefined;
    requests.push({ method: req.method ?? '', url: req.url ?? '', body, ...(token ? { token } : {}) });
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') {
      const auth = JSON.parse(body).auth.identity.password.user;
      if (auth.password !== (options.password ?? 's3cret')) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { code: 401, message: 'The request you have made requires authentication.' },
          }),
        );
        return;
      }
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Subject-Token': 'tok-123' });
      res.end(
        JSON.stringify({
          token: {
            methods: ['password'],
            expires_at: '2099-01-01T00:00:00.000000Z',
            issued_at: '2026-01-01T00:00:00.000000Z',
            user: { domain: { id: 'default', name: 'Default' }, id: 'u', name: 'admin' },
            project: { domain: { id: 'default', name: 'Default' }, id: 'p', name: 'admin' },
            catalog: [
              {
                type: 'identity',
                name: 'keystone',
                id: '1',
                endpoints: [
                  {
                    id: 'a',
                    interface: 'public',
                    region: 'RegionOne',
                    region_id: 'RegionOne',
                    url: `${base}/identity`,
                  },
                ],
              },
              {
                type: 'compute',
                name: 'nova',
                id: '2',
                endpoints: [
                  {
                    id: 'b',
                    interface: 'public',
                    region: 'RegionOne',
                    region_id: 'RegionOne',
                    url: `${base}/public/compute/v2.1`,
                  },
                  {
                    id: 'c',
                    interface: 'internal',
                    region: 'RegionOne',
                    region_id: 'RegionOne',
                    url: `${base}/compute/v2.1`,
                  },
                ],
              },
            ],
          },
        }),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname === '/compute/v2.1/servers/detail') {
      if (token !== 'tok-123') {
        res.writeHead(401).end();
        return;
      }
      if (options.badJson) {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('<html>proxy error</html>');
        return;
      }
      const limit = Number(url.searchParams.get('limit'));
      const marker = url.searchParams.get('marker');
      const start = marker ? SERVERS.findIndex((s) => s.id === marker) + 1 : 0;
      const page = SERVERS.slice(start, start + limit);
      const next = start + limit < SERVERS.length;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          servers: page,
          ...(next
            ? {
                servers_links: [
                  {
                    rel: 'next',
                    href: `${base}/compute/v2.1/servers/detail?all_tenants=1&limit=${limit}&marker=${page.at(-1)!.id}`,
                  },
                ],
              }
            : {}),
        }),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url: base, requests, close: () => new Promise((r) => srv.close(() => r())) };
}

let current: Fake | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

const directory = (url: string, password = 's3cret') =>
  new NovaDirectory({
    authUrl: `${url}/identity/v3`,
    username: 'admin',
    password,
    projectName: 'admin',
    interface: 'internal',
    region: 'RegionOne',
    pageSize: 2,
  });

describe('NovaDirectory against a fake Keystone v3 + Nova', () => {
  it('authenticates, pages through servers/detail and matches LPARs by PowerVM UUID or instance name', async () => {
    current = await fake();
    const dir = directory(current.url);
    await dir.refresh();
    expect(dir.size).toBe(3);

    const auth = current.requests[0]!;
    expect(auth).toMatchObject({ method: 'POST', url: '/identity/v3/auth/tokens' });
    expect(JSON.parse(auth.body).auth.scope.project).toEqual({ name: 'admin', domain: { name: 'Default' } });
    const gets = current.requests.slice(1);
    expect(gets.map((r) => r.url)).toEqual([
      '/compute/v2.1/servers/detail?all_tenants=1&limit=2',
      '/compute/v2.1/servers/detail?all_tenants=1&limit=2&marker=9168b536-cd40-4630-b43f-b259807c6e87',
    ]);
    expect(gets.every((r) => r.token === 'tok-123')).toBe(true);

    expect(dir.lookup({ uuid: '489FFB20-5D19-4A8C-BB80-13650627D985', name: 'whatever' })).toEqual({
      instance_id: 'c89ffb20-5d19-4a8c-bb80-13650627d985',
      project_id: '6f70656e737461636b20342065766572',
      user_id: 'admin',
      display_name: 'web01',
      instance_name: 'instance-00000001',
      instance_host: 'compute',
      host: '2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6',
      flavor: { name: 'm1.tiny' },
      user_metadata: { server_group: 'web' },
    });
    expect(
      dir.lookup({ uuid: '00000000-0000-0000-0000-000000000000', name: 'instance-00000003' })?.display_name,
    ).toBe('db01');
    expect(dir.lookup({ uuid: '00000000-0000-0000-0000-000000000000', name: 'nope' })).toBeUndefined();

    // The token is reused on the next refresh.
    await dir.refresh();
    expect(current.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('names the endpoint on auth failure and never prints the password', async () => {
    current = await fake({ password: 'other' });
    const dir = directory(current.url, 'hunter2-secret');
    const err = await dir.refresh().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdentityError);
    expect((err as Error).message).toBe(
      `${current.url}/identity/v3/auth/tokens: authentication failed (401) for user admin`,
    );
    expect((err as Error).message).not.toContain('hunter2');
    expect(dir.lastError).toBe(err);
  });

  it('names the endpoint on a non-JSON answer and keeps the previous index', async () => {
    current = await fake({ badJson: true });
    const dir = directory(current.url);
    await expect(dir.refresh()).rejects.toThrow(
      `${current.url}/compute/v2.1/servers/detail: response is not JSON (<html>proxy error</html>)`,
    );
    expect(dir.size).toBe(0);
  });

  it('says when the catalog has no compute endpoint for the interface/region', async () => {
    current = await fake();
    const dir = new NovaDirectory({
      authUrl: current.url + '/identity',
      username: 'admin',
      password: 's3cret',
      projectName: 'admin',
      region: 'RegionTwo',
    });
    await expect(dir.refresh()).rejects.toThrow(
      /no compute endpoint with interface public in region RegionTwo/,
    );
  });
});
