import type { Attributes, ObservableResult } from '@opentelemetry/api';
import { Counter, Gauge, Registry } from 'prom-client';
import type { Entity, MetricRow } from '../../src/metrics/index.js';
import type { RenderInput } from '../../src/sinks/otel/render-input.js';
import {
  IDENTITY_LABELS,
  labelledEntities,
  METRICS,
  observeRow,
  SELF_METRICS,
  SELF_OBSERVERS,
  SINK_METRICS,
} from './product.js';

type Observe = (value: number, attributes: Attributes) => void;
type Labels = Record<string, string>;

interface BaselineFamily {
  name: string;
  kind: 'counter' | 'gauge';
  help: string;
  /** The label names the tables declare (`_info` rows add theirs, read off the state). */
  labels: readonly string[];
  /** Calls `observe` once per series of this family in the input, as the sink's callback would. */
  observeAll(input: RenderInput, entities: ReturnType<typeof labelledEntities>, observe: Observe): void;
}

const FAMILIES: BaselineFamily[] = [
  ...(METRICS as readonly MetricRow<Entity>[]).map((row): BaselineFamily => ({
    name: row.name,
    kind: row.kind,
    help: row.help,
    labels: [
      'hmc',
      'system',
      ...IDENTITY_LABELS[row.entity],
      ...row.series.flatMap((series) => Object.keys(series.labels ?? {})),
    ],
    observeAll: (_input, entities, observe) =>
      observeRow(row, entities[row.entity], { observe } as unknown as ObservableResult),
  })),
  ...Object.entries(SELF_METRICS).map(([key, family]): BaselineFamily => ({
    name: family.name,
    kind: family.kind,
    help: family.help,
    labels: family.labels,
    observeAll: (input, _entities, observe) =>
      SELF_OBSERVERS[key as keyof typeof SELF_METRICS](input, observe),
  })),
  ...Object.entries(SINK_METRICS).map(([key, family]): BaselineFamily => ({
    name: family.name,
    kind: family.kind,
    help: family.help,
    labels: family.labels,
    observeAll: (input, _entities, observe) => {
      for (const stat of input.sinks ?? []) if (stat.metric === key) observe(stat.value, stat.labels);
    },
  })),
];

/**
 * The same series as the OpenTelemetry sink, held the way a prom-client exporter holds them: one
 * long-lived Gauge or Counter per family (same name, help and label names), every series set from
 * the collector's state each cycle, then `registry.metrics()`. The values come from the sink's own
 * walk of the state (labelledEntities, observeRow, SELF_OBSERVERS) and the cycle's sink reports, so
 * only the metrics library differs.
 */
export class PromClientBaseline {
  readonly registry = new Registry();
  readonly #metrics = new Map<string, Gauge | Counter>();

  /**
   * Label names as the tables declare them, plus any the state shows (`_info` labels depend on the
   * row's reader).
   */
  constructor(input: RenderInput) {
    const labelNames = new Map(FAMILIES.map((family) => [family.name, new Set(family.labels)]));
    const entities = labelledEntities(input.state);
    for (const family of FAMILIES) {
      const names = labelNames.get(family.name)!;
      family.observeAll(input, entities, (_value, attributes) => {
        for (const key of Object.keys(attributes)) names.add(key);
      });
    }
    const observed = new Set<string>();
    for (const family of FAMILIES) {
      family.observeAll(input, entities, () => observed.add(family.name));
    }
    for (const family of FAMILIES) {
      // prom-client gives a family without label names a zero series whether observed or not.
      if (labelNames.get(family.name)!.size === 0 && !observed.has(family.name)) continue;
      const configuration = {
        name: family.name,
        help: family.help,
        labelNames: [...labelNames.get(family.name)!],
        registers: [this.registry],
      };
      this.#metrics.set(
        family.name,
        family.kind === 'counter' ? new Counter(configuration) : new Gauge(configuration),
      );
    }
  }

  /** Every series set from this input; series the input no longer has are gone (resetMetrics). */
  setAll(input: RenderInput): void {
    this.registry.resetMetrics();
    const entities = labelledEntities(input.state);
    for (const family of FAMILIES) {
      const metric = this.#metrics.get(family.name);
      if (metric === undefined) continue;
      const observe: Observe =
        metric instanceof Counter
          ? (value, attributes) => metric.inc(attributes as Labels, value)
          : (value, attributes) => (metric as Gauge).set(attributes as Labels, value);
      family.observeAll(input, entities, observe);
    }
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Series in a text exposition: its lines that are neither comments nor empty. */
export function seriesIn(text: string): number {
  let series = 0;
  for (const line of text.split('\n')) if (line !== '' && !line.startsWith('#')) series += 1;
  return series;
}

/** Series the state implies: one per observation the sink's callbacks make. */
export function seriesImplied(input: RenderInput): number {
  const entities = labelledEntities(input.state);
  let series = 0;
  for (const family of FAMILIES) family.observeAll(input, entities, () => (series += 1));
  return series;
}
