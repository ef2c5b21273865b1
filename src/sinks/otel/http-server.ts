import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { CompressedExposition } from './compressed-exposition.js';
import { landingPage } from './landing-page.js';
import type { RenderInput } from './render-input.js';
import { createWebServer, type WebSecurity } from './web-security.js';

/** What the server needs from the sink: the cached exposition and the latest state. */
export interface ServedSink {
  compressedExposition(): Promise<CompressedExposition>;
  readonly current: RenderInput;
}

export interface ExporterServerOptions {
  /** Address to bind (e.g. `0.0.0.0`, `127.0.0.1`). */
  host: string;
  /** Port to bind; 0 lets the OS choose (see `ExporterServer.port`). */
  port: number;
  sink: ServedSink;
  /** TLS and authentication (the web configuration file); plain and open when absent. */
  web?: WebSecurity | undefined;
}

export interface ExporterServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` (or `https://` with TLS), as bound. */
  readonly url: string;
  close(): Promise<void>;
}

/** Prometheus' text exposition format, version 0.0.4 (what exporter-prometheus writes). */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Reply {
  status: number;
  type: string;
  body: string | Buffer | StreamedBody;
  headers?: Record<string, string>;
}

/** A body made as it is sent, of a length known beforehand. */
interface StreamedBody {
  stream: () => Readable;
  length: number;
}

const text = (status: number, body: string): Reply => ({ status, type: 'text/plain; charset=utf-8', body });

type Route = (sink: ServedSink, request: IncomingMessage) => Reply | Promise<Reply>;

/**
 * Whether an Accept-Encoding header admits gzip (`gzip` or `*`, with a non-zero q). Prometheus
 * sends `Accept-Encoding: gzip` with every scrape.
 */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/**
 * Decompressed in 1 MiB pieces rather than zlib's 16 KiB: a 65 MiB exposition (bench/) is then 65
 * socket writes, not 4,000 turns of the event loop.
 */
const PLAIN_CHUNKS = { chunkSize: 1 << 20 };

const ROUTES: Record<string, Route> = {
  // The sink compressed the rendering once: a scrape that takes gzip is a write of those bytes, one
  // that does not gets them decompressed on libuv's threads as they are sent.
  '/metrics': async (sink, request) => {
    const exposition = await sink.compressedExposition();
    const gzip = acceptsGzip(request.headers['accept-encoding']);
    return {
      status: 200,
      type: EXPOSITION_CONTENT_TYPE,
      body: gzip
        ? exposition.gzip
        : {
            stream: () => Readable.from([exposition.gzip]).pipe(createGunzip(PLAIN_CHUNKS)),
            length: exposition.bytes,
          },
      headers: { Vary: 'Accept-Encoding', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) },
    };
  },
  '/': (sink) => ({ status: 200, type: 'text/html; charset=utf-8', body: landingPage(sink.current) }),
  // Healthy while the process can answer at all; ready once every console was polled once.
  '/-/healthy': () => text(200, 'OK\n'),
  '/-/ready': (sink) => (sink.current.state.ready ? text(200, 'Ready\n') : text(503, 'Not ready\n')),
};

async function reply(sink: ServedSink, request: IncomingMessage): Promise<Reply> {
  const route = ROUTES[new URL(request.url ?? '/', 'http://localhost').pathname];
  if (route === undefined) return text(404, 'Not Found\n');
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed\n');
  return route(sink, request);
}

function send(response: ServerResponse, head: boolean, { status, type, body, headers: extra }: Reply): void {
  const streamed = typeof body === 'object' && !Buffer.isBuffer(body) ? body : undefined;
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Content-Length': streamed ? streamed.length : Buffer.byteLength(body as string | Buffer),
    ...extra,
  };
  if (status === 405) headers['Allow'] = 'GET, HEAD';
  response.writeHead(status, headers);
  if (head) response.end();
  // A client that goes away mid-body ends the pipeline; there is nobody left to answer.
  else if (streamed) pipeline(streamed.stream(), response).catch(() => response.destroy());
  else response.end(body);
}

/**
 * The exporter's HTTP endpoint: /metrics serves the sink's last rendering as it is (a scrape never
 * triggers a collection), / a landing page, /-/healthy and /-/ready for probes.
 */
export async function createExporterServer(options: ExporterServerOptions): Promise<ExporterServer> {
  const server = createWebServer(options.web, (request, response) => {
    reply(options.sink, request).then(
      (result) => send(response, request.method === 'HEAD', result),
      (error: unknown) => send(response, false, text(500, `${String(error)}\n`)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    host: address,
    port,
    url: `${options.web?.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
