import type { ClientNetworkAdapterInfo, PartitionInfo, SystemInfo } from '../console-types.js';
import { esc, group, leaf } from '../xml.js';
import { UOM_SCHEMA, type UomEntry } from './uom-xml.js';

/** The properties an exporter reads from a ManagedSystem (powervm-pcm.md §4.1), in the console's order. */
export function managedSystemEntry(system: SystemInfo, baseUrl: string): UomEntry {
  const body = [
    group(
      'AssociatedSystemMemoryConfiguration',
      UOM_SCHEMA,
      [
        leaf('ConfigurableSystemMemory', system.configurableMemMb),
        leaf('CurrentAvailableSystemMemory', system.availableMemMb),
        leaf('InstalledSystemMemory', system.installedMemMb),
      ],
      'CUD',
    ),
    group(
      'AssociatedSystemProcessorConfiguration',
      UOM_SCHEMA,
      [
        leaf('ConfigurableSystemProcessorUnits', system.configurableProcUnits),
        leaf('CurrentAvailableSystemProcessorUnits', system.availableProcUnits),
        leaf('InstalledSystemProcessorUnits', system.installedProcUnits),
      ],
      'CUD',
    ),
    group('MachineTypeModelAndSerialNumber', UOM_SCHEMA, [
      leaf('MachineType', system.machineType, 'CUR'),
      leaf('Model', system.model, 'CUR'),
      leaf('SerialNumber', system.serial, 'CUR'),
    ]),
    leaf('PrimaryIPAddress', system.ip, 'CUR'),
    leaf('State', 'operating'),
    leaf('SystemName', system.name, 'CUR'),
  ].join('\n    ');
  return {
    type: 'ManagedSystem',
    id: system.uuid,
    selfHref: `${baseUrl}/rest/api/uom/ManagedSystem/${system.uuid}`,
    etagSource: `${system.uuid}/${system.name}`,
    body,
  };
}

/** LogicalPartition or VirtualIOServer: REST spells states in lower case (`running`, `not activated`). */
export function partitionEntry(
  partition: PartitionInfo,
  system: SystemInfo,
  baseUrl: string,
  now: number,
): UomEntry {
  const type = partition.isVios ? 'VirtualIOServer' : 'LogicalPartition';
  const state = partition.stateAt(now).toLowerCase();
  const rmc = partition.rmcActive && state === 'running' ? 'active' : 'inactive';
  const body = [
    leaf('PartitionID', partition.id),
    group('PartitionMemoryConfiguration', UOM_SCHEMA, [leaf('CurrentMemory', partition.memoryMb)], 'CUD'),
    leaf('PartitionName', partition.name, 'CUR'),
    group(
      'PartitionProcessorConfiguration',
      UOM_SCHEMA,
      [
        group('CurrentSharedProcessorConfiguration', UOM_SCHEMA, [
          leaf('CurrentProcessingUnits', partition.procUnits),
        ]),
      ],
      'CUD',
    ),
    leaf('PartitionState', state),
    leaf('PartitionType', partitionType(partition)),
    leaf('PartitionUUID', partition.uuid),
    leaf('ResourceMonitoringControlState', rmc),
    `<AssociatedManagedSystem kb="CUD" kxe="false" href="${esc(`${baseUrl}/rest/api/uom/ManagedSystem/${system.uuid}`)}" rel="related"/>`,
  ].join('\n    ');
  return {
    type,
    id: partition.uuid,
    selfHref: `${baseUrl}/rest/api/uom/${type}/${partition.uuid}`,
    etagSource: `${partition.uuid}/${state}`,
    body,
  };
}

function partitionType(partition: PartitionInfo): string {
  if (partition.isVios) return 'Virtual IO Server';
  return partition.osType === 'ibmi' ? 'OS400' : 'AIX/Linux';
}

export function clientNetworkAdapterEntry(
  cna: ClientNetworkAdapterInfo,
  partition: PartitionInfo,
  adapterId: string,
  baseUrl: string,
): UomEntry {
  const owner = partition.isVios ? 'VirtualIOServer' : 'LogicalPartition';
  const body = [
    leaf('DynamicReconfigurationConnectorName', cna.location, 'CUD'),
    leaf('LocationCode', cna.location),
    leaf('LocalPartitionID', partition.id, 'CUR'),
    leaf('VirtualSlotNumber', cna.slot, 'COD'),
    leaf('MACAddress', cna.mac, 'CUR'),
    leaf('PortVLANID', cna.pvid, 'CUR'),
    '<TaggedVLANIDs kb="CUA" kxe="false"/>',
    leaf('TaggedVLANSupported', false, 'CUA'),
    leaf('VirtualSwitchID', cna.vswitchId),
  ].join('\n    ');
  return {
    type: 'ClientNetworkAdapter',
    id: adapterId,
    selfHref: `${baseUrl}/rest/api/uom/${owner}/${partition.uuid}/ClientNetworkAdapter/${adapterId}`,
    etagSource: `${adapterId}/${cna.mac}`,
    body,
  };
}
