import type { Attributes, ObservableResult } from '@opentelemetry/api';
import type { CollectorState } from '../../collector/index.js';
import { instancesOf, type Entities, type Entity, type MetricRow } from '../../metrics/index.js';

/** An entity with its identity attributes: `hmc`, `system` and the entity's identity labels. */
export interface Labelled<E extends Entity> {
  attributes: Attributes;
  entity: Entities[E];
}

/** Every entity of every system that has readings, grouped by entity kind. */
export type LabelledEntities = { [E in Entity]: Labelled<E>[] };

/**
 * Labels the entities of one system after another into `all`, pausing after each: a rendering
 * gives the event loop a turn there (at 10,000 LPARs the whole walk holds it for hundreds of ms).
 */
export function* labelSystems(state: CollectorState, all: LabelledEntities): Generator<void, void> {
  for (const console of state.consoles.values()) {
    for (const system of console.systems.values()) {
      if (system.readings === undefined) continue;
      const instances = instancesOf(system.readings);
      for (const kind of Object.keys(all) as Entity[]) {
        for (const { labels, entity } of instances[kind]) {
          const attributes = { hmc: console.name, system: system.name, ...labels };
          (all[kind] as Labelled<Entity>[]).push({ attributes, entity });
        }
      }
      yield;
    }
  }
}

export const noEntities = (): LabelledEntities => ({
  system: [],
  pool: [],
  lpar: [],
  vnic: [],
  disk: [],
  vios: [],
  viosNetwork: [],
  viosFc: [],
  viosStorage: [],
});

/**
 * Built once per rendering and shared by all rows: each system's readings are walked once, and the
 * rows of an entity share one attributes object per instance instead of allocating their own.
 */
export function labelledEntities(state: CollectorState): LabelledEntities {
  const all = noEntities();
  const systems = labelSystems(state, all);
  while (systems.next().done !== true);
  return all;
}

/**
 * Observes one row for each of the given instances of its entity: the identity attributes, plus
 * the series' fixed labels and, for `_info` rows, the descriptive labels. A null value is no series.
 */
export function observeRow<E extends Entity>(
  row: MetricRow<E>,
  instances: readonly Labelled<E>[],
  result: ObservableResult,
): void {
  for (const { attributes, entity } of instances) {
    const info = row.infoLabels?.(entity);
    for (const series of row.series) {
      const value = series.value(entity);
      if (value === null) continue;
      const extra = series.labels ?? info;
      result.observe(value, extra ? { ...attributes, ...series.labels, ...info } : attributes);
    }
  }
}
