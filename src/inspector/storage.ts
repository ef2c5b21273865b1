import {
  hexWwpnValue,
  idAt,
  objectAt,
  objectsAt,
  stringAt,
  type JsonObject,
  type ViosDocument,
} from '../powervm/index.js';
import { sumOrNull } from './counters.js';
import { optional } from './issues.js';
import type { DiskReading, IoCounters } from './readings.js';

/** Server-side adapters of every VIOS in one sample, indexed for the client pointers to find. */
export interface ViosIndex {
  vhostBySlot: Map<number, Map<number, JsonObject>>;
  /** NPIV ports by the decimal text of their WWPN, the form the phyp file's pointers carry. */
  portByWwpn: Map<number, Map<string, JsonObject>>;
  /** Every vhost adapter and NPIV port by its disk device id (`vios1-vhost0`). */
  byDevice: Map<string, JsonObject>;
}

// The VIOS-side slot is the `-C<n>` segment of the location code (`U8247.22L.2125D4A-V1-C1000`).
// Matching the segment, not a `-C<n>` suffix as pypowervm did, also finds locations with a port
// suffix such as `-C7-T1`.
const SLOT = /-C(\d+)(?=-|$)/;

export function indexVioses(docs: readonly ViosDocument[]): ViosIndex {
  const index: ViosIndex = { vhostBySlot: new Map(), portByWwpn: new Map(), byDevice: new Map() };
  for (const doc of docs) {
    const storage = objectAt(doc.vios, 'storage');
    const vhosts = new Map<number, JsonObject>();
    for (const adapter of objectsAt(storage, 'genericVirtualAdapters')) {
      const slot = SLOT.exec(stringAt(adapter, 'physicalLocation') ?? '')?.[1];
      if (slot !== undefined && !vhosts.has(Number(slot))) vhosts.set(Number(slot), adapter);
      addDevice(index, doc.id, adapter);
    }
    // WWPNs are compared as 64-bit numbers (the VIOS pads them to 16 hex digits, pypowervm's
    // unpadded comparison missed those with a leading 0); one conversion per port, none per pointer.
    const ports = new Map<string, JsonObject>();
    for (const fc of objectsAt(storage, 'fiberChannelAdapters')) {
      for (const port of objectsAt(fc, 'ports')) {
        const wwpn = hexWwpnValue(port['wwpn'])?.toString();
        if (wwpn !== undefined && !ports.has(wwpn)) ports.set(wwpn, port);
        addDevice(index, doc.id, port);
      }
    }
    index.vhostBySlot.set(doc.id, vhosts);
    index.portByWwpn.set(doc.id, ports);
  }
  return index;
}

function addDevice(index: ViosIndex, viosId: number, adapter: JsonObject): void {
  const device = deviceId(viosId, adapter);
  if (!index.byDevice.has(device)) index.byDevice.set(device, adapter);
}

function deviceId(viosId: number, adapter: JsonObject): string {
  return `vios${viosId}-${stringAt(adapter, 'id') ?? 'unknown'}`;
}

export function ioCounters(adapter: JsonObject): IoCounters {
  return {
    read_requests: optional(adapter, 'numOfReads'),
    read_bytes: optional(adapter, 'readBytes'),
    write_requests: optional(adapter, 'numOfWrites'),
    write_bytes: optional(adapter, 'writeBytes'),
  };
}

/** One resolved virtual disk: the client pointer and the VIOS adapter that carries its counters. */
export interface DiskAdapter {
  device: string;
  type: DiskReading['type'];
  viosId: number;
  adapter: JsonObject;
  pointer: JsonObject;
}

/**
 * The LPAR's virtual disks: its vSCSI and vFC client adapters (phyp pointers, no counters) joined
 * with the serving VIOS adapters that carry the counters (§10.4). Pointers whose VIOS file is
 * absent for this instant have no counters and are left out, as in ceilometer-powervm.
 */
export function resolveDisks(lpar: JsonObject, vioses: ViosIndex): DiskAdapter[] {
  const storage = objectAt(lpar, 'storage');
  if (!storage) return [];
  const disks: DiskAdapter[] = [];
  for (const pointer of objectsAt(storage, 'genericVirtualAdapters')) {
    const viosId = idAt(pointer, 'viosId');
    const slot = idAt(pointer, 'viosAdapterSlotId');
    if (viosId === undefined || slot === undefined) continue;
    const adapter = vioses.vhostBySlot.get(viosId)?.get(slot);
    if (adapter) disks.push({ device: deviceId(viosId, adapter), type: 'vscsi', viosId, adapter, pointer });
  }
  for (const pointer of objectsAt(storage, 'virtualFiberChannelAdapters')) {
    const viosId = idAt(pointer, 'viosId');
    const ports = viosId === undefined ? undefined : vioses.portByWwpn.get(viosId);
    const pair = pointer['wwpnpair'] ?? pointer['wwpnPair'];
    if (!ports || !Array.isArray(pair)) continue;
    const port = pair.map(decimalWwpn).find((wwpn) => wwpn !== undefined && ports.has(wwpn));
    if (port)
      disks.push({
        device: deviceId(viosId!, ports.get(port)!),
        type: 'vfc',
        viosId: viosId!,
        adapter: ports.get(port)!,
        pointer,
      });
  }
  return disks;
}

/** A client WWPN as canonical decimal text: exact digits from the parser, or a safe integer. */
function decimalWwpn(value: unknown): string | undefined {
  if (typeof value === 'string') return /^\d{1,20}$/.test(value) ? value.replace(/^0+(?=\d)/, '') : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

/** Reads and writes of a disk adapter together: what iops counts. */
export function diskOperations(adapter: JsonObject): number | null {
  return sumOrNull(optional(adapter, 'numOfReads'), optional(adapter, 'numOfWrites'));
}
