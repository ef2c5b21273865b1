import { createServer } from 'node:net';
import type { DataPoint, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it, vi } from 'vitest';
import { withStartTime } from '../../../../src/sinks/otel/otlp-push.js';
import { OtelSink, renderCycle } from '../../../../src/sinks/otel/index.js';
import { oneSystem, SAMPLE_TIME } from './support/states.js';

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Our instruments are gauges and sums: every point holds a number. */
const pointsOf = (rm: ResourceMetrics) =>
  rm.scopeMetrics.flatMap((s) => s.metrics.flatMap((m) => m.dataPoints as DataPoint<number>[]));

describe('OTLP push', () => {
  it('stamps every point with the given start time and leaves the rest as collected', async () => {
    const { resourceMetrics } = await renderCycle(
      { state: oneSystem(), time: SAMPLE_TIME },
      () => undefined,
      { keepMetrics: true },
    );
    const stamped = withStartTime(resourceMetrics!, [1_700_000_000, 5]);
    const points = pointsOf(stamped);
    const original = pointsOf(resourceMetrics!);
    expect(points.length).toBe(original.length);
    expect(new Set(points.map((p) => p.startTime.join('.')))).toEqual(new Set(['1700000000.5']));
    expect(points.map((p) => p.value)).toEqual(original.map((p) => p.value));
  });

  it('counts and logs a failed push, and /metrics is unaffected', async () => {
    const warn = vi.fn();
    const otlpUrl = `http://127.0.0.1:${await closedPort()}/v1/metrics`;
    const sink = new OtelSink({ otlpUrl, logger: { warn }, otlpTimeoutMillis: 2_000 });
    sink.publish({ time: SAMPLE_TIME, state: oneSystem(), fresh: [], sinks: [] });
    await sink.whenIdle();
    expect(sink.failures.push).toBeGreaterThanOrEqual(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ url: otlpUrl }), 'OTLP metrics push failed');
    expect(await sink.exposition()).toContain('lpar="lpar1"');
    await sink.shutdown();
  });
});
