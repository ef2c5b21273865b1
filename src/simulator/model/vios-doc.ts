import { toJsonText, type JsonValue } from '../json-text.js';
import { sampleTimeStamp } from '../time-format.js';
import { addCounters, ioCounters, NO_TRAFFIC, type EthernetCounters, type IoCounters } from './counters.js';
import { iplBefore, type ModelPartition, type ModelSystem, type ModelVios } from './estate-types.js';
import { seaTraffic } from './phyp-doc.js';
import { usageSinceIpl, type Usage } from './schedule.js';

const NO_IO: IoCounters = { numOfReads: 0, numOfWrites: 0, readBytes: 0, writeBytes: 0 };
const ROOTVG = { readsPerSecond: 12, writesPerSecond: 20, bytesPerRead: 8192, bytesPerWrite: 4096 };
const FCS_PORTS = 4;
const CONNECTED_FCS = 2;

/**
 * One VIOS's own view of its adapters (powervm-pcm.md §7.2). Server-side counters are cumulative since
 * the IPL and equal the traffic of the client adapters they serve, whatever the clients' reboots.
 */
export function renderVios(system: ModelSystem, vios: ModelVios, instantMs: number): string {
  const t = instantMs / 1000;
  const ipl = iplBefore(system, t);
  const usages = new Map<ModelPartition, Usage>();
  const sinceIpl = (p: ModelPartition): Usage => {
    let u = usages.get(p);
    if (!u) usages.set(p, (u = usageSinceIpl(p.schedule, p.load, ipl, t)));
    return u;
  };
  const p = vios.partition;
  const own = sinceIpl(p);
  const vhosts = vios.vhosts.map((vhost) => ({
    id: vhost.name,
    type: 'virtual',
    physicalLocation: `${system.locationPrefix}-V${p.id}-C${vhost.slot}`,
    ...ioCounters(vhost.adapter.io, sinceIpl(vhost.client)),
  }));
  const vscsiTotal = vhosts.reduce<IoCounters>((n, v) => addCounters(n, pickIo(v)), NO_IO);
  const doc = {
    systemUtil: {
      utilInfo: { version: '1.0.0', metricType: 'Raw', monitoringType: 'LTM', mtms: system.info.mtms },
      utilSample: {
        timeStamp: sampleTimeStamp(instantMs),
        viosUtil: [
          {
            id: String(p.id),
            name: p.name,
            memory: { utilizedMem: Math.floor(p.memoryMb * (0.45 + 0.1 * p.load.busy.value(t))) },
            network: network(system, vios, vios.primary ? seaTraffic(system, sinceIpl) : undefined),
            storage: {
              fiberChannelAdapters: fibreChannel(vios, sinceIpl, vscsiTotal),
              genericPhysicalAdapters: [
                {
                  id: 'sissas0',
                  type: 'sas',
                  physicalLocation: `${vios.enclosure}-P1-C${vios.cards.sas}-T1`,
                  ...ioCounters(ROOTVG, own),
                },
              ],
              genericVirtualAdapters: vhosts,
            },
          },
        ],
        status: 0,
        errorInfo: [],
      },
    },
  };
  return toJsonText(doc);
}

function network(system: ModelSystem, vios: ModelVios, sea: EthernetCounters | undefined): JsonValue {
  const id = vios.partition.id;
  const forwarded = deviceCounters(sea ?? NO_TRAFFIC);
  const quiet = deviceCounters(NO_TRAFFIC);
  // The trunk adapter sees the bridged frames from the other side.
  const trunk = {
    ...forwarded,
    receivedPackets: forwarded.sentPackets,
    sentPackets: forwarded.receivedPackets,
    receivedBytes: forwarded.sentBytes,
    sentBytes: forwarded.receivedBytes,
  };
  const physical = (port: number): string => `${vios.enclosure}-P1-C${vios.cards.ethernet}-T${port}`;
  const virtual = (slot: number): string => `${system.locationPrefix}-V${id}-C${slot}-T1`;
  return {
    genericAdapters: [
      { id: 'ent0', type: 'physical', physicalLocation: physical(1), ...forwarded },
      { id: 'ent1', type: 'physical', physicalLocation: physical(2), ...quiet },
      { id: 'ent2', type: 'physical', physicalLocation: physical(3), ...quiet },
      { id: 'ent3', type: 'physical', physicalLocation: physical(4), ...quiet },
      { id: 'ent4', type: 'virtual', physicalLocation: virtual(2), ...trunk },
      { id: 'ent5', type: 'virtual', physicalLocation: virtual(3), ...quiet },
    ],
    sharedAdapters: [
      {
        id: 'ent6',
        type: 'sea',
        physicalLocation: virtual(2),
        ...forwarded,
        bridgedAdapters: ['ent0', 'ent4'],
      },
    ],
  };
}

/** NPIV ports sit on the first two (cabled) ports; vSCSI disks are SAN LUNs reached through fcs0. */
function fibreChannel(
  vios: ModelVios,
  sinceIpl: (p: ModelPartition) => Usage,
  vscsiTotal: IoCounters,
): JsonValue {
  const ports = vios.npivPorts.map((port, k) => ({
    fcsIndex: port.fcsIndex,
    json: {
      id: port.name,
      // The VIOS writes the client's active WWPN zero-padded to 16 hex digits.
      wwpn: port.adapter.wwpns[0].toString(16).padStart(16, '0'),
      ...ioCounters(port.adapter.io, sinceIpl(port.client)),
      runningSpeed: 16,
      physicalLocation: `${vios.enclosure}-P1-C${vios.cards.fibre}-T${2000 + k}`,
    },
  }));
  return Array.from({ length: FCS_PORTS }, (_, index) => {
    const mine = ports.filter((port) => port.fcsIndex === index).map((port) => port.json);
    const total = mine.reduce<IoCounters>(
      (n, port) => addCounters(n, pickIo(port)),
      index === 0 ? vscsiTotal : NO_IO,
    );
    return {
      id: `fcs${index}`,
      wwpn: `${vios.fcsWwpnPrefix}${index.toString(16).padStart(2, '0')}`,
      physicalLocation: `${vios.enclosure}-P1-C${vios.cards.fibre}-T${index + 1}`,
      ...total,
      runningSpeed: index < CONNECTED_FCS ? 16 : 0,
      ports: mine,
    };
  });
}

function pickIo(c: IoCounters): IoCounters {
  return {
    numOfReads: c.numOfReads,
    numOfWrites: c.numOfWrites,
    readBytes: c.readBytes,
    writeBytes: c.writeBytes,
  };
}

/** The five counters a VIOS reports per Ethernet device (no *Physical* split there). */
type DeviceCounters = Pick<
  EthernetCounters,
  'receivedPackets' | 'sentPackets' | 'droppedPackets' | 'receivedBytes' | 'sentBytes'
>;

function deviceCounters(c: EthernetCounters): DeviceCounters {
  const { receivedPackets, sentPackets, droppedPackets, receivedBytes, sentBytes } = c;
  return { receivedPackets, sentPackets, droppedPackets, receivedBytes, sentBytes };
}
