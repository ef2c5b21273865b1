import type {
  DiskReading,
  FcReading,
  LparReading,
  PoolReading,
  SystemReading,
  ViosNetworkReading,
  ViosReading,
  ViosStorageReading,
  VnicReading,
} from '../inspector/index.js';

/**
 * What a row is about, and therefore which reading it reads and which identity labels its series
 * carry. Identity labels are few and stable; descriptive ones live in the `_info` rows.
 */
export interface Entities {
  system: SystemReading;
  pool: PoolReading;
  lpar: LparReading;
  vnic: VnicReading;
  disk: DiskReading;
  vios: ViosReading;
  viosNetwork: ViosNetworkReading;
  viosFc: FcReading;
  viosStorage: ViosStorageReading;
}

export type Entity = keyof Entities;

/** The partition an adapter belongs to: a client adapter's LPAR, a VIOS adapter's VIOS. */
export interface Owners {
  vnic: LparReading;
  disk: LparReading;
  viosNetwork: ViosReading;
  viosFc: ViosReading;
  viosStorage: ViosReading;
}

/** Identity labels per entity, besides `hmc` and `system` which every series carries. */
export const IDENTITY_LABELS = {
  system: [],
  pool: ['pool'],
  lpar: ['lpar'],
  vnic: ['lpar', 'adapter'],
  disk: ['lpar', 'device'],
  vios: ['vios'],
  viosNetwork: ['vios', 'adapter'],
  viosFc: ['vios', 'adapter'],
  viosStorage: ['vios', 'adapter'],
} as const satisfies Record<Entity, readonly string[]>;

export type CeilometerType = 'cumulative' | 'gauge' | 'delta';

/** A Ceilometer meter fed by a row (used by the Ceilometer sink). */
export interface CeilometerMeter<E extends Entity> {
  meter: string;
  type: CeilometerType;
  /** The unit Ceilometer declares; `memory` meters name MB or MiB by release (see the sink's profiles). */
  unit: string;
  /** The value in that unit; null = no sample this time. */
  volume: (entity: Entities[E]) => number | null;
  /** Meters only older releases ingest (the rate and utilisation meters removed after Rocky/2024.2). */
  legacy?: boolean;
}

/**
 * One exported series family: its Prometheus name (with unit word and, for counters, `_total`),
 * kind, help, and how to read its value from a reading in base units. `series` lets one family carry
 * a fixed extra label (e.g. mode="capped"|"uncapped") with one value reader per label value.
 */
export interface MetricRow<E extends Entity = Entity> {
  entity: E;
  name: string;
  kind: 'counter' | 'gauge';
  /**
   * UCUM-style unit for OpenTelemetry (`s`, `By`, `{packet}`, …). `1` only for ratios: the
   * Collector's Prometheus exporters add `_ratio` to a gauge of unit `1`, so states and `_info`
   * metrics have none, and keep their names when pushed over OTLP.
   */
  unit: string;
  help: string;
  series: readonly {
    labels?: Readonly<Record<string, string>>;
    value: (entity: Entities[E]) => number | null;
  }[];
  /** Descriptive labels of an `_info` row (value always 1). */
  infoLabels?: (entity: Entities[E]) => Readonly<Record<string, string>>;
  ceilometer?: readonly CeilometerMeter<E>[];
}

/** Helper that keeps a row's entity type attached to its readers. */
export function row<E extends Entity>(definition: MetricRow<E>): MetricRow<E> {
  return definition;
}

/** Any row, with its entity and readers kept together (a union over entities, not a widened row). */
export type AnyMetricRow = { [E in Entity]: MetricRow<E> }[Entity];
