import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The floor under any scrape latency on this machine: a Node HTTP server that does nothing but
 * write the exporter's own last rendering (the same bytes, plain or gzipped, picked as the exporter
 * picks them), measured under the same background load. The exporter's latency over this server's
 * is what the exporter itself adds.
 */
export async function serveStatic(bodies: { identity: Buffer; gzip: Buffer }): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const body = gzip ? bodies.gzip : bodies.identity;
    response
      .writeHead(200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
        'Content-Length': body.length,
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The exporter's current rendering as it writes it, plain and gzipped, bytes untouched. */
export async function fetchBodies(url: string): Promise<{ identity: Buffer; gzip: Buffer }> {
  const fetchRaw = (acceptEncoding: string): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      }).on('error', reject);
    });
  return { identity: await fetchRaw('identity'), gzip: await fetchRaw('gzip') };
}
