import { valueAt, type IoCounters, type NetworkDevice, type SystemLayout, type Vios } from './pcm-layout.js';

/**
 * The `vios_N` document of one VIOS, `seconds` after the previous sample, with every key of
 * powervm-pcm.md §7.2 in the order of the pypowervm capture (status and errorInfo last).
 */
export function viosDocument(system: SystemLayout, vios: Vios, seconds: number, timeStamp: string): object {
  return {
    systemUtil: {
      utilInfo: { version: '1.0.0', metricType: 'Raw', monitoringType: 'LTM', mtms: system.mtms },
      utilSample: {
        timeStamp,
        viosUtil: [
          {
            // A string here, unlike the number in the phyp file (§7).
            id: String(vios.id),
            name: vios.name,
            memory: { utilizedMem: vios.utilizedMemMb },
            network: {
              genericAdapters: vios.networkDevices.map((device) => networkDevice(device, seconds)),
              sharedAdapters: [{ ...networkDevice(vios.sea, seconds), bridgedAdapters: vios.sea.bridged }],
            },
            storage: storage(vios, seconds),
          },
        ],
        status: 0,
        errorInfo: [],
      },
    },
  };
}

function storage(vios: Vios, seconds: number): object {
  return {
    fiberChannelAdapters: vios.fcPorts.map((port) => ({
      id: port.name,
      wwpn: hex16(port.wwpn),
      physicalLocation: port.location,
      ...io(port.io, seconds),
      runningSpeed: 16,
      ports: port.npiv.map((npiv) => ({
        id: npiv.name,
        wwpn: hex16(npiv.wwpn),
        ...io(npiv.io, seconds),
        runningSpeed: 16,
        physicalLocation: port.location,
      })),
    })),
    genericPhysicalAdapters: [
      {
        id: 'sissas0',
        type: 'sas',
        physicalLocation: 'U78DA.ND0.WZS0001-P1-C14-T1',
        ...io(vios.sas, seconds),
      },
    ],
    genericVirtualAdapters: vios.vhosts.map((vhost) => ({
      id: vhost.name,
      type: 'virtual',
      physicalLocation: vhost.location,
      ...io(vhost.io, seconds),
    })),
    sharedStoragePools: [
      {
        id: 'ssp1',
        poolDisks: ['hdisk2', 'hdisk3'],
        ...io(vios.sharedStoragePool, seconds),
        totalSpace: 4_194_304,
        usedSpace: 1_048_576,
      },
    ],
  };
}

function networkDevice(device: NetworkDevice, seconds: number): object {
  const { traffic } = device;
  return {
    id: device.name,
    type: device.type,
    physicalLocation: device.location,
    receivedPackets: valueAt(traffic.receivedPackets, seconds),
    sentPackets: valueAt(traffic.sentPackets, seconds),
    droppedPackets: valueAt(traffic.droppedPackets, seconds),
    receivedBytes: valueAt(traffic.receivedBytes, seconds),
    sentBytes: valueAt(traffic.sentBytes, seconds),
  };
}

function io(counters: IoCounters, seconds: number): object {
  return {
    numOfReads: valueAt(counters.reads, seconds),
    numOfWrites: valueAt(counters.writes, seconds),
    readBytes: valueAt(counters.readBytes, seconds),
    writeBytes: valueAt(counters.writeBytes, seconds),
  };
}

/** 16 lower-case hex digits, no separators, as the VIOS writes WWPNs. */
function hex16(wwpn: bigint): string {
  return wwpn.toString(16).padStart(16, '0');
}
