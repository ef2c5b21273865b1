import { idAt, objectAt, objectsAt, stringAt, type JsonObject, type ViosDocument } from '../powervm/index.js';
import { cpuReading } from './cpu.js';
import { optional, type IssueLog } from './issues.js';
import type { FcReading, ViosNetworkReading, ViosReading, ViosStorageReading } from './readings.js';
import { ioCounters } from './storage.js';

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
    network: [
      ...objectsAt(network, 'genericAdapters').map((a) =>
        networkAdapter(a, stringAt(a, 'type') ?? 'unknown'),
      ),
      ...objectsAt(network, 'sharedAdapters').map((a) => networkAdapter(a, 'sea')),
    ],
    fc: objectsAt(storage, 'fiberChannelAdapters').map(fcAdapter),
    storage: [
      ...objectsAt(storage, 'genericPhysicalAdapters').map((a) => storageAdapter(a, 'physical')),
      ...objectsAt(storage, 'genericVirtualAdapters').map((a) => storageAdapter(a, 'virtual')),
    ],
  };
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

function fcAdapter(adapter: JsonObject): FcReading {
  return {
    adapter: stringAt(adapter, 'id') ?? 'unknown',
    wwpn: stringAt(adapter, 'wwpn')?.toLowerCase() ?? null,
    location: stringAt(adapter, 'physicalLocation') ?? null,
    running_speed: optional(adapter, 'runningSpeed'),
    ...ioCounters(adapter),
  };
}

function storageAdapter(adapter: JsonObject, type: ViosStorageReading['type']): ViosStorageReading {
  return {
    adapter: stringAt(adapter, 'id') ?? 'unknown',
    type,
    location: stringAt(adapter, 'physicalLocation') ?? null,
    ...ioCounters(adapter),
  };
}
