import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorState } from '../../src/collector/index.js';
import { createExporterServer, OtelSink, type ExporterServer } from '../../src/sinks/otel/index.js';
import { parseExposition, valueOf } from '../unit/sinks/otel/support/exposition.js';
import { lpar, readings } from '../unit/sinks/otel/support/readings.js';
import { console, SAMPLE_TIME, state, system } from '../unit/sinks/otel/support/states.js';

const cycle = (s: CollectorState, time = SAMPLE_TIME + 10_000) => ({ time, state: s, fresh: [], sinks: [] });
const estate = (ready: boolean, lparName = 'lpar1') =>
  state([console('hmc1', [system('sys1', { readings: readings({ lpars: [lpar(lparName)] }) })])], ready);

interface RawResponse {
  status: number;
  body: string;
  bytes: Buffer;
  allow?: string | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * A raw request, for methods, HEAD (fetch cannot show a HEAD body) and content codings (fetch
 * asks for gzip and decompresses without telling).
 */
function send(url: string, method: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode!,
          body: bytes.toString(),
          bytes,
          allow: res.headers.allow,
          headers: res.headers,
        });
      });
    });
    req.on('error', reject).end();
  });
}

describe('exporter HTTP server', () => {
  let sink: OtelSink;
  let server: ExporterServer;

  beforeAll(async () => {
    sink = new OtelSink();
    server = await createExporterServer({ host: '127.0.0.1', port: 0, sink });
  });
  afterAll(async () => {
    await server.close();
    await sink.shutdown();
  });

  it('binds the requested host and an OS-chosen port', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('is healthy at once, and ready only once the state says so', async () => {
    expect(await send(`${server.url}/-/healthy`, 'GET')).toMatchObject({ status: 200, body: 'OK\n' });
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(503);
    sink.publish(cycle(estate(false)));
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(503);
    sink.publish(cycle(estate(true)));
    expect((await fetch(`${server.url}/-/ready`)).status).toBe(200);
  });

  it('serves the last rendering at /metrics as Prometheus text', async () => {
    sink.publish(cycle(estate(true, 'web01')));
    await sink.whenIdle();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const e = parseExposition(await response.text());
    expect(valueOf(e, 'powervm_lpar_info', { hmc: 'hmc1', system: 'sys1', lpar: 'web01' })).toBe(1);
    expect(valueOf(e, 'powervm_sample_age_seconds', { system: 'sys1' })).toBe(10);
  });

  it('serves /metrics gzipped to scrapers that accept gzip, as Prometheus does, and plain to others', async () => {
    const metrics = `${server.url}/metrics`;
    const plain = await send(metrics, 'GET');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept-Encoding');
    expect(plain.body).toContain('lpar="web01"');
    // Decompressed as it is sent, to the length announced beforehand.
    expect(Number(plain.headers['content-length'])).toBe(plain.bytes.length);
    for (const acceptEncoding of ['gzip', 'deflate, gzip;q=0.5', '*']) {
      const gzipped = await send(metrics, 'GET', { 'Accept-Encoding': acceptEncoding });
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['vary']).toBe('Accept-Encoding');
      expect(Number(gzipped.headers['content-length'])).toBe(gzipped.bytes.length);
      expect(gunzipSync(gzipped.bytes).toString()).toBe(plain.body);
    }
    for (const acceptEncoding of ['identity', 'gzip;q=0', 'deflate']) {
      const refused = await send(metrics, 'GET', { 'Accept-Encoding': acceptEncoding });
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body).toBe(plain.body);
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await send(`${server.url}/metrics`, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
  });

  it('shows the landing page with consoles, systems and a link to /metrics', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<a href="/metrics">');
    expect(html).toContain('<td>sys1</td><td>up</td><td>10 s</td>');
  });

  it('404 for unknown paths, 405 for methods other than GET and HEAD', async () => {
    expect((await send(`${server.url}/nope`, 'GET')).status).toBe(404);
    expect(await send(`${server.url}/metrics`, 'POST')).toMatchObject({ status: 405, allow: 'GET, HEAD' });
    expect((await send(`${server.url}/-/ready`, 'DELETE')).status).toBe(405);
  });
});

interface OtlpJson {
  resourceMetrics: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeMetrics: {
      metrics: {
        name: string;
        unit: string;
        sum?: { dataPoints: OtlpPoint[]; isMonotonic: boolean; aggregationTemporality: number };
        gauge?: { dataPoints: OtlpPoint[] };
      }[];
    }[];
  }[];
}
interface OtlpPoint {
  startTimeUnixNano: string;
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

/** A minimal OTLP/HTTP JSON receiver: records each request body. */
async function otlpReceiver(): Promise<{ server: Server; url: string; received: OtlpJson[] }> {
  const received: OtlpJson[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      expect(req.headers['content-type']).toBe('application/json');
      received.push(JSON.parse(body) as OtlpJson);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/v1/metrics`, received };
}

const attributes = (point: OtlpPoint) =>
  Object.fromEntries(point.attributes.map((a) => [a.key, a.value.stringValue]));

describe('OTLP push', () => {
  it('pushes every rendering with names, attributes and values, and stable start times', async () => {
    const receiver = await otlpReceiver();
    const sink = new OtelSink({ otlpUrl: receiver.url });
    try {
      sink.publish(cycle(estate(true)));
      await sink.whenIdle();
      sink.publish(cycle(estate(true), SAMPLE_TIME + 40_000));
      await sink.whenIdle();
      expect(receiver.received).toHaveLength(2);

      const metrics = (n: number) => receiver.received[n]!.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
      const cpu = (n: number) => metrics(n).find((m) => m.name === 'powervm_lpar_cpu_seconds')!;
      expect(cpu(0).unit).toBe('s');
      expect(cpu(0).sum).toMatchObject({ isMonotonic: true, aggregationTemporality: 2 });
      const capped = cpu(0).sum!.dataPoints.find((p) => attributes(p)['mode'] === 'capped')!;
      expect(attributes(capped)).toEqual({ hmc: 'hmc1', system: 'sys1', lpar: 'lpar1', mode: 'capped' });
      expect(capped.asDouble).toBe(2);

      const age = (n: number) => metrics(n).find((m) => m.name === 'powervm_sample_age_seconds')!;
      expect(age(0).gauge!.dataPoints[0]!.asDouble).toBe(10);
      expect(age(1).gauge!.dataPoints[0]!.asDouble).toBe(40);

      const starts = [0, 1].flatMap((n) => cpu(n).sum!.dataPoints.map((p) => p.startTimeUnixNano));
      expect(new Set(starts).size).toBe(1);
      expect(BigInt(cpu(1).sum!.dataPoints[0]!.timeUnixNano)).toBeGreaterThan(BigInt(starts[0]!));

      const resource = receiver.received[0]!.resourceMetrics[0]!.resource.attributes;
      expect(resource).toContainEqual({ key: 'service.name', value: { stringValue: 'powervm-exporter' } });
    } finally {
      await sink.shutdown();
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  });
});
