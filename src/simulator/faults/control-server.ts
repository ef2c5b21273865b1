import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultPlan } from './fault-plan.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The fault control endpoint, so a person or a script can break the simulated console from outside:
 * `POST /faults` (a fault or an array of them, JSON) → 201 `{"ids": [...]}`; `GET /faults` lists the
 * faults in force; `DELETE /faults` clears them all, `DELETE /faults/<id>` one. Loopback only: it
 * needs no credentials, so nothing but this machine may reach it.
 */
export async function startControlServer(
  plan: FaultPlan,
  host: string,
  port: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  if (!LOOPBACK.has(host)) {
    throw new Error(`the fault control endpoint listens on loopback only (127.0.0.1 or ::1), not ${host}`);
  }
  const server = http.createServer((req, res) => {
    void answer(plan, req).then(([status, body]) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(plan: FaultPlan, req: http.IncomingMessage): Promise<[number, unknown]> {
  const path = new URL(req.url ?? '/', 'http://placeholder').pathname.replace(/\/+$/, '');
  const id = /^\/faults\/([^/]+)$/.exec(path)?.[1];
  if (path !== '/faults' && id === undefined)
    return [404, { error: `no such resource: ${path}; use /faults` }];
  try {
    if (req.method === 'GET' && id === undefined) return [200, plan.list()];
    if (req.method === 'DELETE') {
      const cleared = plan.clear(id);
      return id !== undefined && !cleared
        ? [404, { error: `no fault ${id} in force` }]
        : [200, { cleared: true }];
    }
    if (req.method === 'POST' && id === undefined) {
      const parsed = JSON.parse(await readBody(req)) as unknown;
      const ids: string[] = [];
      try {
        for (const fault of Array.isArray(parsed) ? parsed : [parsed]) ids.push(plan.inject(fault));
      } catch (error) {
        for (const injected of ids) plan.clear(injected); // all or nothing
        throw error;
      }
      return [201, { ids }];
    }
    return [405, { error: `${req.method ?? '?'} is not supported on ${path}` }];
  } catch (error) {
    return [400, { error: (error as Error).message }];
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
  }
  return text;
}
