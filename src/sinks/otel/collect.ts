import { setImmediate } from 'node:timers/promises';
import type { ObservableCallback } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type CollectionResult } from '@opentelemetry/sdk-metrics';
import { METRICS, SELF_METRICS, SINK_METRICS, type Entity, type MetricRow } from '../../metrics/index.js';
import { EXPORTER_RESOURCE, PRODUCT, VERSION } from './build-info.js';
import { observeFamily, type Family } from './instrument.js';
import type { RenderInput } from './render-input.js';
import { SELF_OBSERVERS } from './self-observations.js';
import { labelSystems, noEntities, observeRow, type Labelled } from './table-observations.js';

/** A series family and the callback that observes it (or one slice of it) from one rendering's input. */
export interface FamilyObserver {
  family: Family;
  callback: ObservableCallback;
}

/** A series family and the callbacks that, together, observe all of it: one per slice of entities. */
export interface SlicedFamily {
  family: Family;
  slices: ObservableCallback[];
}

/**
 * Entities collected at a time. A collection cannot yield, so one of a whole family at 10,000
 * LPARs (20,000 adapters) held the event loop, and scrapes, for hundreds of milliseconds; a slice
 * of this size takes a few, and keeps the SDK's per-collection maps small.
 */
export const ENTITIES_PER_SLICE = 1_000;

function sliced<T>(items: readonly T[]): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += ENTITIES_PER_SLICE) {
    slices.push(items.slice(start, start + ENTITIES_PER_SLICE));
  }
  return slices;
}

/** Every family, product rows in table order, then the self-metrics and the sinks' own, reading this input. */
export async function familyObservers(input: RenderInput): Promise<SlicedFamily[]> {
  const entities = noEntities();
  const systems = labelSystems(input.state, entities);
  while (systems.next().done !== true) await setImmediate();
  const rows = (METRICS as readonly MetricRow[]).map((row) => ({
    family: row,
    slices: sliced<Labelled<Entity>>(entities[row.entity]).map(
      (instances) => (result: Parameters<ObservableCallback>[0]) =>
        observeRow<Entity>(row, instances, result),
    ),
  }));
  const self = Object.entries(SELF_METRICS).map(([key, family]) => {
    const observer = SELF_OBSERVERS[key as keyof typeof SELF_METRICS];
    return {
      family,
      slices: [
        (result: Parameters<ObservableCallback>[0]) =>
          observer(input, (value, attributes) => result.observe(value, attributes)),
      ],
    };
  });
  const sinks = Object.entries(SINK_METRICS).map(([key, family]) => ({
    family,
    slices: [
      (result: Parameters<ObservableCallback>[0]) => {
        for (const stat of input.sinks ?? [])
          if (stat.metric === key) result.observe(stat.value, stat.labels);
      },
    ],
  }));
  return [...rows, ...self, ...sinks];
}

/** A reader that is only ever collected by hand, once: nothing to flush, nothing to stop. */
class OneShotReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The SDK's default limit is 2,000 attribute sets per instrument, past which series silently merge
 * into one `otel_metric_overflow` series. An estate has as many LPARs as it has, and a provider
 * here only ever holds one cycle's series, so there is nothing for a limit to protect.
 */
const NO_CARDINALITY_LIMIT = () => Number.POSITIVE_INFINITY;

/**
 * Collects one family through an OpenTelemetry instrument made for this collection alone.
 *
 * Why a fresh MeterProvider each time: observable instruments keep reporting attribute sets a
 * callback no longer observes (opentelemetry-js issue 4096), so a long-lived provider would keep a
 * vanished LPAR at its last value forever, and its memo of past attribute sets would only grow. The
 * instruments hold no state we need (every value comes from the cycle), so a provider that lives
 * for one collection has no stale series by construction. Setting one up costs far less than a
 * millisecond, next to seconds of collection at 10,000 LPARs (measureRender of an empty state
 * versus a large one), and filtering a long-lived provider's output would mean hashing every
 * attribute set a second time.
 */
export async function collectFamily({ family, callback }: FamilyObserver): Promise<CollectionResult> {
  const reader = new OneShotReader({ cardinalitySelector: NO_CARDINALITY_LIMIT });
  const provider = new MeterProvider({ resource: EXPORTER_RESOURCE, readers: [reader] });
  try {
    observeFamily(provider.getMeter(PRODUCT, VERSION), family, callback);
    return await reader.collect();
  } finally {
    await provider.shutdown();
  }
}
