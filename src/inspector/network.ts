import { idAt, numberAt, objectAt, objectsAt, stringAt, type JsonObject } from '../powervm/index.js';
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
  const adapters = objectsAt(objectAt(current, 'network'), 'virtualEthernetAdapters');
  if (adapters.length === 0) return [];
  // One to three adapters per LPAR: a linear search beats building a map for each (bench/).
  const before = objectsAt(objectAt(previous, 'network'), 'virtualEthernetAdapters');
  const readings: VnicReading[] = [];
  for (const [index, adapter] of adapters.entries()) {
    const name = stringAt(adapter, 'physicalLocation');
    if (!name) {
      log.note(scope, `network.virtualEthernetAdapters[${index}].physicalLocation`, 'missing');
      continue;
    }
    const path = `network.virtualEthernetAdapters[${name}].`;
    const prior = before.find((b) => b['physicalLocation'] === name);
    const rxBytes = log.required(scope, adapter, 'receivedBytes', path);
    const txBytes = log.required(scope, adapter, 'sentBytes', path);
    readings.push({
      name,
      mac: macs.get(name) ?? null,
      vlan_id: idAt(adapter, 'vlanId') ?? null,
      vswitch_id: idAt(adapter, 'vswitchId') ?? null,
      rx_bytes: rxBytes,
      rx_packets: log.required(scope, adapter, 'receivedPackets', path),
      rx_drop: log.required(scope, adapter, 'droppedPackets', path),
      rx_errors: 0,
      tx_bytes: txBytes,
      tx_packets: log.required(scope, adapter, 'sentPackets', path),
      tx_drop: 0,
      tx_errors: 0,
      rx_bytes_rate: prior ? ratePerSecond(rxBytes, numberAt(prior, 'receivedBytes') ?? null, seconds) : null,
      tx_bytes_rate: prior ? ratePerSecond(txBytes, numberAt(prior, 'sentBytes') ?? null, seconds) : null,
    });
  }
  return readings;
}
