import type { ObservableCallback } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type CollectionResult } from '@opentelemetry/sdk-metrics';
import { METRICS, SELF_METRICS, SINK_METRICS, type MetricRow } from '../../metrics/index.js';
import { EXPORTER_RESOURCE, PRODUCT, VERSION } from './build-info.js';
import { observeFamily, type Family } from './instrument.js';
import type { RenderInput } from './render-input.js';
import { SELF_OBSERVERS } from './self-observations.js';
import { labelledEntities, observeRow } from './table-observations.js';

/** A series family and the callback that observes it from one rendering's input. */
export interface FamilyObserver {
  family: Family;
  callback: ObservableCallback;
}

/** Every family, product rows in table order, then the self-metrics and the sinks' own, reading this input. */
export function familyObservers(input: RenderInput): FamilyObserver[] {
  const entities = labelledEntities(input.state);
  const rows = (METRICS as readonly MetricRow[]).map((row) => ({
    family: row,
    callback: (result: Parameters<ObservableCallback>[0]) => observeRow(row, entities, result),
  }));
  const self = Object.entries(SELF_METRICS).map(([key, family]) => {
    const observer = SELF_OBSERVERS[key as keyof typeof SELF_METRICS];
    return {
      family,
      callback: (result: Parameters<ObservableCallback>[0]) =>
        observer(input, (value, attributes) => result.observe(value, attributes)),
    };
  });
  const sinks = Object.entries(SINK_METRICS).map(([key, family]) => ({
    family,
    callback: (result: Parameters<ObservableCallback>[0]) => {
      for (const stat of input.sinks ?? []) if (stat.metric === key) result.observe(stat.value, stat.labels);
    },
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
