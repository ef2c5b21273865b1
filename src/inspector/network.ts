import { idAt, isObject, itemsAt, numberAt, objectAt, stringAt, type JsonObject } from '../powervm/index.js';
import { ratePerSecond } from './counters.js';
import { type IssueLog } from './issues.js';
import type { VnicReading } from './readings.js';

/**
 * Per-vNIC readings of one LPAR from the phyp file's virtual Ethernet adapters (§12.3, §12.4).
 * No `network` key (inactive LPAR, or compute-only LTM) gives no vNICs. An adapter missing from the
 * previous sample (hot-added, or the LPAR just arrived) has no rate yet: ceilometer-powervm counted
 * its previous value as 0, turning the adapter's whole history into one spike.
 */
export function vnicReadings(
  current: JsonObject,
  previous: JsonObject | undefined,
  seconds: number | null,
  macs: ReadonlyMap<string, string>,
  scope: string,
  log: IssueLog,
): VnicReading[] {
  const adapters = itemsAt(objectAt(current, 'network'), 'virtualEthernetAdapters');
  const readings: VnicReading[] = [];
  // Non-objects are skipped without counting, so the index in an issue is among the adapters.
  let index = -1;
  for (const adapter of adapters) {
    if (!isObject(adapter)) continue;
    index++;
    const name = stringAt(adapter, 'physicalLocation');
    if (!name) {
      log.note(scope, `network.virtualEthernetAdapters[${index}].physicalLocation`, 'missing');
      continue;
    }
    const rxBytes = numberAt(adapter, 'receivedBytes') ?? null;
    const rxPackets = numberAt(adapter, 'receivedPackets') ?? null;
    const rxDrop = numberAt(adapter, 'droppedPackets') ?? null;
    const txBytes = numberAt(adapter, 'sentBytes') ?? null;
    const txPackets = numberAt(adapter, 'sentPackets') ?? null;
    if (rxBytes === null || rxPackets === null || rxDrop === null || txBytes === null || txPackets === null) {
      noteMissingCounters(adapter, name, scope, log);
    }
    const prior = previous ? adapterAt(previous, name) : undefined;
    readings.push({
      name,
      mac: macs.get(name) ?? null,
      vlan_id: idAt(adapter, 'vlanId') ?? null,
      vswitch_id: idAt(adapter, 'vswitchId') ?? null,
      rx_bytes: rxBytes,
      rx_packets: rxPackets,
      rx_drop: rxDrop,
      rx_errors: 0,
      tx_bytes: txBytes,
      tx_packets: txPackets,
      tx_drop: 0,
      tx_errors: 0,
      rx_bytes_rate: prior ? ratePerSecond(rxBytes, numberAt(prior, 'receivedBytes') ?? null, seconds) : null,
      tx_bytes_rate: prior ? ratePerSecond(txBytes, numberAt(prior, 'sentBytes') ?? null, seconds) : null,
    });
  }
  return readings;
}

/** Every vNIC counter the format promises, in reading order; their issue paths are built only on a miss. */
const COUNTERS = ['receivedBytes', 'sentBytes', 'receivedPackets', 'droppedPackets', 'sentPackets'];

function noteMissingCounters(adapter: JsonObject, name: string, scope: string, log: IssueLog): void {
  for (const key of COUNTERS) log.required(scope, adapter, key, `network.virtualEthernetAdapters[${name}].`);
}

/** The partition's adapter at this location; one to three per LPAR, so a scan beats a map (bench/). */
function adapterAt(partition: JsonObject, location: string): JsonObject | undefined {
  for (const adapter of itemsAt(objectAt(partition, 'network'), 'virtualEthernetAdapters')) {
    if (isObject(adapter) && adapter['physicalLocation'] === location) return adapter;
  }
  return undefined;
}
