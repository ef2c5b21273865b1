import type { Readings } from '../inspector/index.js';
import type { Entities, Entity, Owners } from './row.js';

/**
 * An entity as the sinks see it. An adapter is its own reading, with its partition beside it: a
 * copy with the partition spread in got a V8 hidden class of its own for every adapter, ~25 MiB of
 * them for the 46,000 adapters of 10 × 1,000 LPARs, rebuilt with every rendering.
 */
export interface Instance<E extends Entity> {
  /** Identity labels beyond `hmc` and `system` (see IDENTITY_LABELS). */
  labels: Readonly<Record<string, string>>;
  entity: Entities[E];
  owner: E extends keyof Owners ? Owners[E] : undefined;
}

export type Instances = { [E in Entity]: Instance<E>[] };

/** Every entity in one system's readings, with its identity labels, grouped by entity kind. */
export function instancesOf(readings: Readings): Instances {
  const { lpars, vioses } = readings;
  return {
    system: [{ labels: {}, entity: readings.system, owner: undefined }],
    pool: readings.pools.map((pool) => ({ labels: { pool: pool.name }, entity: pool, owner: undefined })),
    lpar: lpars.map((lpar) => ({ labels: { lpar: lpar.lpar_name }, entity: lpar, owner: undefined })),
    vnic: lpars.flatMap((lpar) =>
      lpar.vnics.map((vnic) => ({
        labels: { lpar: lpar.lpar_name, adapter: vnic.name },
        entity: vnic,
        owner: lpar,
      })),
    ),
    disk: lpars.flatMap((lpar) =>
      lpar.disks.map((disk) => ({
        labels: { lpar: lpar.lpar_name, device: disk.device },
        entity: disk,
        owner: lpar,
      })),
    ),
    vios: vioses.map((vios) => ({ labels: { vios: vios.vios_name }, entity: vios, owner: undefined })),
    viosNetwork: vioses.flatMap((vios) =>
      vios.network.map((n) => ({
        labels: { vios: vios.vios_name, adapter: n.adapter },
        entity: n,
        owner: vios,
      })),
    ),
    viosFc: vioses.flatMap((vios) =>
      vios.fc.map((f) => ({ labels: { vios: vios.vios_name, adapter: f.adapter }, entity: f, owner: vios })),
    ),
    viosStorage: vioses.flatMap((vios) =>
      vios.storage.map((s) => ({
        labels: { vios: vios.vios_name, adapter: s.adapter },
        entity: s,
        owner: vios,
      })),
    ),
  };
}
