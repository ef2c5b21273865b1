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
import type { IoCounters } from './readings.js';

/** A server-side adapter that carries a disk's counters, named by its device id (`vios1-vhost0`). */
export interface DiskDevice {
  device: string;
  viosId: number;
  adapterId: string;
  adapter: JsonObject;
}

/** Server-side adapters of every VIOS in the current sample, indexed for the client pointers to find. */
export interface ViosIndex {
  vhostBySlot: Map<number, Map<number, DiskDevice>>;
  /** NPIV ports by the decimal text of their WWPN, the form the phyp file's pointers carry. */
  portByWwpn: Map<number, Map<string, DiskDevice>>;
}

/**
 * Adapters of every VIOS in the previous sample by VIOS id and adapter id (a device id in two
 * parts): all a disk's iops needs from that sample, so its slots and WWPNs are never indexed.
 */
export type PriorAdapters = Map<number, Map<string, JsonObject>>;

// The VIOS-side slot is the `-C<n>` segment of the location code (`U8247.22L.2125D4A-V1-C1000`).
// Matching the segment, not a `-C<n>` suffix as pypowervm did, also finds locations with a port
// suffix such as `-C7-T1`.
const SLOT = /-C(\d+)(?=-|$)/;

export function indexVioses(docs: readonly ViosDocument[]): ViosIndex {
  const index: ViosIndex = { vhostBySlot: new Map(), portByWwpn: new Map() };
  for (const doc of docs) {
    const storage = objectAt(doc.vios, 'storage');
    const vhosts = new Map<number, DiskDevice>();
    for (const adapter of objectsAt(storage, 'genericVirtualAdapters')) {
      const slot = SLOT.exec(stringAt(adapter, 'physicalLocation') ?? '')?.[1];
      if (slot !== undefined && !vhosts.has(Number(slot)))
        vhosts.set(Number(slot), diskDevice(doc.id, adapter));
    }
    // WWPNs are compared as 64-bit numbers (the VIOS pads them to 16 hex digits, pypowervm's
    // unpadded comparison missed those with a leading 0); one conversion per port, none per pointer.
    const ports = new Map<string, DiskDevice>();
    for (const fc of objectsAt(storage, 'fiberChannelAdapters')) {
      for (const port of objectsAt(fc, 'ports')) {
        const wwpn = hexWwpnValue(port['wwpn'])?.toString();
        if (wwpn !== undefined && !ports.has(wwpn)) ports.set(wwpn, diskDevice(doc.id, port));
      }
    }
    index.vhostBySlot.set(doc.id, vhosts);
    index.portByWwpn.set(doc.id, ports);
  }
  return index;
}

export function indexPriorAdapters(docs: readonly ViosDocument[]): PriorAdapters {
  const index: PriorAdapters = new Map();
  for (const doc of docs) {
    const adapters = index.get(doc.id) ?? new Map<string, JsonObject>();
    const storage = objectAt(doc.vios, 'storage');
    for (const adapter of objectsAt(storage, 'genericVirtualAdapters')) addFirst(adapters, adapter);
    for (const fc of objectsAt(storage, 'fiberChannelAdapters')) {
      for (const port of objectsAt(fc, 'ports')) addFirst(adapters, port);
    }
    index.set(doc.id, adapters);
  }
  return index;
}

function addFirst(adapters: Map<string, JsonObject>, adapter: JsonObject): void {
  const id = adapterId(adapter);
  if (!adapters.has(id)) adapters.set(id, adapter);
}

function adapterId(adapter: JsonObject): string {
  return stringAt(adapter, 'id') ?? 'unknown';
}

function diskDevice(viosId: number, adapter: JsonObject): DiskDevice {
  const id = adapterId(adapter);
  return { device: `vios${viosId}-${id}`, viosId, adapterId: id, adapter };
}

export function ioCounters(adapter: JsonObject): IoCounters {
  return {
    read_requests: optional(adapter, 'numOfReads'),
    read_bytes: optional(adapter, 'readBytes'),
    write_requests: optional(adapter, 'numOfWrites'),
    write_bytes: optional(adapter, 'writeBytes'),
  };
}

/** The same device's adapter in the previous sample, if that sample had it. */
export function priorAdapter(prior: PriorAdapters, disk: DiskDevice): JsonObject | undefined {
  return prior.get(disk.viosId)?.get(disk.adapterId);
}

/** The vhost adapter serving a vSCSI client pointer, if its VIOS file is here. */
export function vscsiDevice(pointer: JsonObject, vioses: ViosIndex): DiskDevice | undefined {
  const viosId = idAt(pointer, 'viosId');
  const slot = idAt(pointer, 'viosAdapterSlotId');
  if (viosId === undefined || slot === undefined) return undefined;
  return vioses.vhostBySlot.get(viosId)?.get(slot);
}

/** The NPIV port serving a vFC client pointer: the first of its WWPN pair that the VIOS has. */
export function vfcDevice(pointer: JsonObject, vioses: ViosIndex): DiskDevice | undefined {
  const viosId = idAt(pointer, 'viosId');
  const ports = viosId === undefined ? undefined : vioses.portByWwpn.get(viosId);
  const pair = pointer['wwpnpair'] ?? pointer['wwpnPair'];
  if (!ports || !Array.isArray(pair)) return undefined;
  for (const value of pair as unknown[]) {
    const wwpn = decimalWwpn(value);
    const port = wwpn === undefined ? undefined : ports.get(wwpn);
    if (port) return port;
  }
  return undefined;
}

/** A client WWPN as canonical decimal text: exact digits from the parser, or a safe integer. */
function decimalWwpn(value: unknown): string | undefined {
  if (typeof value === 'string') return DECIMAL.test(value) ? withoutLeadingZeros(value) : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
}

const DECIMAL = /^\d{1,20}$/;

/** Our parser's digits never start with 0 (JSON forbids it): only other sources' strings are rewritten. */
function withoutLeadingZeros(digits: string): string {
  return digits.length > 1 && digits.startsWith('0') ? digits.replace(/^0+(?=\d)/, '') : digits;
}

/** Reads and writes of a disk adapter together: what iops counts. */
export function diskOperations(adapter: JsonObject): number | null {
  return sumOrNull(optional(adapter, 'numOfReads'), optional(adapter, 'numOfWrites'));
}
