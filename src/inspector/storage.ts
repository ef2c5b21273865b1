import {
  hexWwpnValue,
  idAt,
  objectAt,
  objectsAt,
  stringAt,
  wwpnValue,
  type JsonObject,
  type ViosDocument,
} from '../powervm/index.js';
import { optional } from './issues.js';
import type { DiskReading, IoCounters } from './readings.js';

/** Server-side adapters of every VIOS in one sample, indexed for the client pointers to find. */
export interface ViosIndex {
  vhostBySlot: Map<number, Map<number, JsonObject>>;
  portByWwpn: Map<number, Map<bigint, JsonObject>>;
}

// The VIOS-side slot is the `-C<n>` segment of the location code (`U8247.22L.2125D4A-V1-C1000`).
// Matching the segment, not a `-C<n>` suffix as pypowervm did, also finds locations with a port
// suffix such as `-C7-T1`.
const SLOT = /-C(\d+)(?=-|$)/;

export function indexVioses(docs: readonly ViosDocument[]): ViosIndex {
  const index: ViosIndex = { vhostBySlot: new Map(), portByWwpn: new Map() };
  for (const doc of docs) {
    const storage = objectAt(doc.vios, 'storage');
    const vhosts = new Map<number, JsonObject>();
    for (const adapter of objectsAt(storage, 'genericVirtualAdapters')) {
      const slot = SLOT.exec(stringAt(adapter, 'physicalLocation') ?? '')?.[1];
      if (slot !== undefined && !vhosts.has(Number(slot))) vhosts.set(Number(slot), adapter);
    }
    const ports = new Map<bigint, JsonObject>();
    for (const fc of objectsAt(storage, 'fiberChannelAdapters')) {
      for (const port of objectsAt(fc, 'ports')) {
        const wwpn = hexWwpnValue(port['wwpn']);
        if (wwpn !== undefined && !ports.has(wwpn)) ports.set(wwpn, port);
      }
    }
    index.vhostBySlot.set(doc.id, vhosts);
    index.portByWwpn.set(doc.id, ports);
  }
  return index;
}

export function ioCounters(adapter: JsonObject): IoCounters {
  return {
    read_requests: optional(adapter, 'numOfReads'),
    read_bytes: optional(adapter, 'readBytes'),
    write_requests: optional(adapter, 'numOfWrites'),
    write_bytes: optional(adapter, 'writeBytes'),
  };
}

/**
 * The LPAR's virtual disks: its vSCSI and vFC client adapters (phyp pointers, no counters) joined
 * with the serving VIOS adapters that carry the counters (§10.4). Pointers whose VIOS file is
 * absent for this instant have no counters and are left out, as in ceilometer-powervm. vFC WWPNs
 * are compared as 64-bit numbers, so a WWPN with a leading zero hex digit still matches.
 */
export function resolveDisks(lpar: JsonObject, vioses: ViosIndex): Omit<DiskReading, 'iops'>[] {
  const storage = objectAt(lpar, 'storage');
  const disks: Omit<DiskReading, 'iops'>[] = [];
  for (const pointer of objectsAt(storage, 'genericVirtualAdapters')) {
    const viosId = idAt(pointer, 'viosId');
    const slot = idAt(pointer, 'viosAdapterSlotId');
    if (viosId === undefined || slot === undefined) continue;
    const adapter = vioses.vhostBySlot.get(viosId)?.get(slot);
    if (adapter) disks.push(disk(adapter, 'vscsi', viosId, pointer));
  }
  for (const pointer of objectsAt(storage, 'virtualFiberChannelAdapters')) {
    const viosId = idAt(pointer, 'viosId');
    if (viosId === undefined) continue;
    const pair = pointer['wwpnpair'] ?? pointer['wwpnPair'];
    const ports = vioses.portByWwpn.get(viosId);
    for (const wwpn of Array.isArray(pair) ? pair : []) {
      const value = wwpnValue(wwpn);
      const port = value === undefined ? undefined : ports?.get(value);
      if (port) {
        disks.push(disk(port, 'vfc', viosId, pointer));
        break;
      }
    }
  }
  return disks;
}

function disk(
  adapter: JsonObject,
  type: DiskReading['type'],
  viosId: number,
  pointer: JsonObject,
): Omit<DiskReading, 'iops'> {
  const name = stringAt(adapter, 'id') ?? 'unknown';
  return {
    device: `vios${viosId}-${name}`,
    adapter: name,
    type,
    vios_id: viosId,
    location: stringAt(pointer, 'physicalLocation') ?? null,
    ...ioCounters(adapter),
    errors: 0,
  };
}
