import {
  idAt,
  isObject,
  itemsAt,
  objectAt,
  stringAt,
  type JsonObject,
  type ViosDocument,
} from '../powervm/index.js';
import { cpuReading } from './cpu.js';
import { optional, type IssueLog } from './issues.js';
import { ioCounters } from './storage.js';
import type { FcReading, ViosNetworkReading, ViosReading, ViosStorageReading } from './readings.js';

/** A VIOS: processor and assigned memory from the phyp file, adapters from its own vios_N file (§7.2). */
export function viosReading(
  partition: JsonObject,
  previous: JsonObject | undefined,
  doc: ViosDocument | undefined,
  cps: number | null,
  log: IssueLog,
): ViosReading {
  const name = stringAt(partition, 'name') ?? stringAt(partition, 'uuid') ?? 'unknown';
  const vios = doc?.vios;
  const network = objectAt(vios, 'network');
  const storage = objectAt(vios, 'storage');
  return {
    vios_uuid: stringAt(partition, 'uuid') ?? '',
    vios_name: name,
    vios_id: idAt(partition, 'id') ?? null,
    state: stringAt(partition, 'state') ?? null,
    ...cpuReading(partition, previous, cps, `vios ${name}`, log),
    memory_actual: optional(objectAt(partition, 'memory'), 'assignedMem'),
    memory_usage: optional(objectAt(vios, 'memory'), 'utilizedMem'),
    has_io_data: doc !== undefined,
    network: networkAdapters(network),
    fc: fcAdapters(storage),
    storage: storageAdapters(storage),
  };
}

// The adapter lists are walked in place, with no filtered copies, spreads or closures: a VIOS serving
// thousands of LPARs has thousands of adapters.

function networkAdapters(network: JsonObject | undefined): ViosNetworkReading[] {
  const readings: ViosNetworkReading[] = [];
  for (const adapter of itemsAt(network, 'genericAdapters')) {
    if (isObject(adapter)) readings.push(networkAdapter(adapter, stringAt(adapter, 'type') ?? 'unknown'));
  }
  for (const adapter of itemsAt(network, 'sharedAdapters')) {
    if (isObject(adapter)) readings.push(networkAdapter(adapter, 'sea'));
  }
  return readings;
}

function networkAdapter(adapter: JsonObject, type: string): ViosNetworkReading {
  return {
    adapter: stringAt(adapter, 'id') ?? 'unknown',
    type,
    location: stringAt(adapter, 'physicalLocation') ?? null,
    rx_bytes: optional(adapter, 'receivedBytes'),
    rx_packets: optional(adapter, 'receivedPackets'),
    tx_bytes: optional(adapter, 'sentBytes'),
    tx_packets: optional(adapter, 'sentPackets'),
    rx_drop: optional(adapter, 'droppedPackets'),
  };
}

function fcAdapters(storage: JsonObject | undefined): FcReading[] {
  const readings: FcReading[] = [];
  for (const adapter of itemsAt(storage, 'fiberChannelAdapters')) {
    if (isObject(adapter)) readings.push(fcAdapter(adapter));
  }
  return readings;
}

/** A physical FC adapter: a few per VIOS, so its counters may come spread from ioCounters. */
function fcAdapter(adapter: JsonObject): FcReading {
  return {
    adapter: stringAt(adapter, 'id') ?? 'unknown',
    wwpn: stringAt(adapter, 'wwpn')?.toLowerCase() ?? null,
    location: stringAt(adapter, 'physicalLocation') ?? null,
    running_speed: optional(adapter, 'runningSpeed'),
    ...ioCounters(adapter),
  };
}

function storageAdapters(storage: JsonObject | undefined): ViosStorageReading[] {
  const readings: ViosStorageReading[] = [];
  addStorageAdapters(readings, itemsAt(storage, 'genericPhysicalAdapters'), 'physical');
  addStorageAdapters(readings, itemsAt(storage, 'genericVirtualAdapters'), 'virtual');
  return readings;
}

function addStorageAdapters(
  readings: ViosStorageReading[],
  adapters: readonly unknown[],
  type: ViosStorageReading['type'],
): void {
  for (const adapter of adapters) {
    if (!isObject(adapter)) continue;
    readings.push({
      adapter: stringAt(adapter, 'id') ?? 'unknown',
      type,
      location: stringAt(adapter, 'physicalLocation') ?? null,
      read_requests: optional(adapter, 'numOfReads'),
      read_bytes: optional(adapter, 'readBytes'),
      write_requests: optional(adapter, 'numOfWrites'),
      write_bytes: optional(adapter, 'writeBytes'),
    });
  }
}
