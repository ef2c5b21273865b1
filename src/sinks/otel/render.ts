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

export interface Rendering {
  /** Prometheus text exposition (format 0.0.4), UTF-8. */
  body: Buffer;
  /** The collected data as one ResourceMetrics, when asked for (keepMetrics). */
  resourceMetrics: ResourceMetrics | undefined;
  /** Callbacks that failed: the rest of the rendering stands. */
  errors: unknown[];
}

interface RenderedFamily {
  chunks: Buffer[];
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
  keep: boolean,
): Promise<RenderedFamily> {
  const chunks: Buffer[] = [];
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
    chunks.push(
      Buffer.from((first === undefined ? familyHeader(metric) : '') + familySamples(metric, labels)),
    );
    first ??= metric;
    if (keep) points.push(...metric.dataPoints);
  }
  const metric = keep && first ? ({ ...first, dataPoints: points } as MetricData) : undefined;
  return { chunks, metric, errors };
}

/** One cycle, collected once, serialized once. Pure: the same input gives the same bytes. */
export async function renderCycle(input: RenderInput, options: RenderOptions = {}): Promise<Rendering> {
  const chunks: Buffer[] = [];
  const kept: MetricData[] = [];
  const errors: unknown[] = [];
  const labels = new LabelSets();
  for (const family of await familyObservers(input)) {
    const rendered = await renderFamily(family, labels, options.keepMetrics === true);
    chunks.push(...rendered.chunks);
    errors.push(...rendered.errors);
    if (rendered.metric) kept.push(rendered.metric);
  }
  const resourceMetrics = options.keepMetrics
    ? {
        resource: EXPORTER_RESOURCE,
        scopeMetrics: [{ scope: { name: PRODUCT, version: VERSION }, metrics: kept }],
      }
    : undefined;
  return { body: Buffer.concat(chunks), resourceMetrics, errors };
}

/**
 * The exposition for a collector state at a given time (ms since the epoch), without a server or
 * a sink: for tests, golden files and benchmarks. Throws if any instrument callback failed.
 */
export async function renderExposition(state: CollectorState, time: number): Promise<string> {
  const { body, errors } = await renderCycle({ state, time });
  if (errors.length > 0) throw new AggregateError(errors, 'rendering the exposition failed');
  return body.toString();
}
