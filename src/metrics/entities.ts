import type { Readings } from '../inspector/index.js';
import type { Entities, Entity } from './row.js';

export interface Instance<E extends Entity> {
  /** Identity labels beyond `hmc` and `system` (see IDENTITY_LABELS). */
  labels: Readonly<Record<string, string>>;
  entity: Entities[E];
}

export type Instances = { [E in Entity]: Instance<E>[] };

/** Every entity in one system's readings, with its identity labels, grouped by entity kind. */
export function instancesOf(readings: Readings): Instances {
  const { lpars, vioses } = readings;
  return {
    system: [{ labels: {}, entity: readings.system }],
    pool: readings.pools.map((pool) => ({ labels: { pool: pool.name }, entity: pool })),
    lpar: lpars.map((lpar) => ({ labels: { lpar: lpar.lpar_name }, entity: lpar })),
    vnic: lpars.flatMap((lpar) =>
      lpar.vnics.map((vnic) => ({
        labels: { lpar: lpar.lpar_name, adapter: vnic.name },
        entity: { ...vnic, lpar },
      })),
    ),
    disk: lpars.flatMap((lpar) =>
      lpar.disks.map((disk) => ({
        labels: { lpar: lpar.lpar_name, device: disk.device },
        entity: { ...disk, lpar },
      })),
    ),
    vios: vioses.map((vios) => ({ labels: { vios: vios.vios_name }, entity: vios })),
    viosNetwork: vioses.flatMap((vios) =>
      vios.network.map((n) => ({
        labels: { vios: vios.vios_name, adapter: n.adapter },
        entity: { ...n, vios },
      })),
    ),
    viosFc: vioses.flatMap((vios) =>
      vios.fc.map((f) => ({ labels: { vios: vios.vios_name, adapter: f.adapter }, entity: { ...f, vios } })),
    ),
    viosStorage: vioses.flatMap((vios) =>
      vios.storage.map((s) => ({
        labels: { vios: vios.vios_name, adapter: s.adapter },
        entity: { ...s, vios },
      })),
    ),
  };
}
