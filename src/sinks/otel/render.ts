import { setImmediate } from 'node:timers/promises';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { CollectorState } from '../../collector/index.js';
import { EXPORTER_RESOURCE, PRODUCT, VERSION } from './build-info.js';
import { collectFamily, familyObservers, type SlicedFamily } from './collect.js';
import type { RenderInput } from './render-input.js';
import { familyHeader, familySamples, LabelSets } from './serialize.js';

export interface RenderOptions {
  /** Keep the collected data for an OTLP push (costs memory: the whole estate stays alive). */
  keepMetrics?: boolean;
}

/**
 * Takes the exposition a piece at a time, in order; a promise returned holds the rendering back
 * until it settles (a compressor's backpressure).
 */
export type ExpositionWriter = (chunk: Buffer) => Promise<unknown> | undefined;

export interface Rendering {
  /** Bytes of Prometheus text exposition (format 0.0.4, UTF-8) written. */
  bytes: number;
  /** The collected data as one ResourceMetrics, when asked for (keepMetrics). */
  resourceMetrics: ResourceMetrics | undefined;
  /** Callbacks that failed: the rest of the rendering stands. */
  errors: unknown[];
}

interface RenderedFamily {
  bytes: number;
  /** Every slice's data points as one metric, when kept for OTLP. */
  metric: MetricData | undefined;
  errors: unknown[];
}

/**
 * One family, collected slice by slice, each slice through OpenTelemetry instruments of its own
 * and written out as bytes at once: only one slice's data points and text are alive at a time
 * (at 10,000 LPARs the whole estate's would be hundreds of MiB). Between slices the event loop
 * gets a turn, so scrapes of the cached rendering are answered during a long rendering.
 */
async function renderFamily(
  { family, slices }: SlicedFamily,
  labels: LabelSets,
  write: ExpositionWriter,
  keep: boolean,
): Promise<RenderedFamily> {
  let bytes = 0;
  const errors: unknown[] = [];
  const points: MetricData['dataPoints'][number][] = [];
  let first: MetricData | undefined;
  for (const callback of slices) {
    await setImmediate();
    const result = await collectFamily({ family, callback });
    errors.push(...result.errors);
    // A slice without series is left out by the SDK; the header goes with the first that has any.
    const metric = result.resourceMetrics.scopeMetrics[0]?.metrics[0];
    if (metric === undefined || metric.dataPoints.length === 0) continue;
    const chunk = Buffer.from(
      (first === undefined ? familyHeader(metric) : '') + familySamples(metric, labels),
    );
    bytes += chunk.length;
    await write(chunk);
    first ??= metric;
    if (keep) points.push(...metric.dataPoints);
  }
  const metric = keep && first ? ({ ...first, dataPoints: points } as MetricData) : undefined;
  return { bytes, metric, errors };
}

/**
 * One cycle, collected once, serialized once, written to `write` as it goes: the exposition is
 * never whole in memory here (65 MiB at 10,000 LPARs, bench/). Pure: the same input gives the same
 * bytes.
 */
export async function renderCycle(
  input: RenderInput,
  write: ExpositionWriter,
  options: RenderOptions = {},
): Promise<Rendering> {
  let bytes = 0;
  const kept: MetricData[] = [];
  const errors: unknown[] = [];
  const labels = new LabelSets();
  for (const family of await familyObservers(input)) {
    const rendered = await renderFamily(family, labels, write, options.keepMetrics === true);
    bytes += rendered.bytes;
    errors.push(...rendered.errors);
    if (rendered.metric) kept.push(rendered.metric);
  }
  const resourceMetrics = options.keepMetrics
    ? {
        resource: EXPORTER_RESOURCE,
        scopeMetrics: [{ scope: { name: PRODUCT, version: VERSION }, metrics: kept }],
      }
    : undefined;
  return { bytes, resourceMetrics, errors };
}

/**
 * The exposition for a collector state at a given time (ms since the epoch), without a server or
 * a sink: for tests, golden files and benchmarks. Throws if any instrument callback failed.
 */
export async function renderExposition(state: CollectorState, time: number): Promise<string> {
  const chunks: Buffer[] = [];
  const { errors } = await renderCycle({ state, time }, (chunk) => void chunks.push(chunk));
  if (errors.length > 0) throw new AggregateError(errors, 'rendering the exposition failed');
  return Buffer.concat(chunks).toString();
}
