import { VerbatimNumber } from './pcm-json-text.js';
import {
  valueAt,
  type ClientLpar,
  type EthernetAdapter,
  type Partition,
  type SystemLayout,
  type Vios,
} from './pcm-layout.js';

/**
 * The `phyp` document of a layout, `seconds` after the previous sample, with every key of
 * powervm-pcm.md §7.1 in the order of the pypowervm capture.
 */
export function phypDocument(system: SystemLayout, seconds: number, timeStamp: string): object {
  const at = (counter: Parameters<typeof valueAt>[0]): number => valueAt(counter, seconds);
  const timeBase = at(system.timeBase);
  return {
    systemUtil: {
      utilInfo: {
        version: '1.3.0',
        metricType: 'Raw',
        monitoringType: 'LTM',
        mtms: system.mtms,
        name: system.name,
      },
      utilSample: {
        timeStamp,
        status: 0,
        errorInfo: [],
        timeBasedCycles: VerbatimNumber.exponent(timeBase),
        systemFirmware: { utilizedProcCycles: at(system.firmwareCycles), assignedMem: system.firmwareMemMb },
        processor: {
          totalProcUnits: system.configurableProcUnits,
          configurableProcUnits: system.configurableProcUnits,
          availableProcUnits: system.availableProcUnits,
          procCyclesPerSecond: system.cyclesPerSecond,
        },
        memory: {
          totalMem: system.totalMemMb,
          availableMem: system.availableMemMb,
          configurableMem: system.totalMemMb,
        },
        sharedProcessorPool: system.pools.map((pool) => ({
          id: pool.id,
          name: pool.name,
          assignedProcCycles: VerbatimNumber.exponent(timeBase * pool.maxProcUnits),
          utilizedPoolCycles: at(pool.utilizedCycles),
          maxProcUnits: pool.maxProcUnits,
          borrowedPoolProcUnits: pool.borrowedProcUnits,
        })),
        lparsUtil: system.lpars.map((lpar) => lparEntry(lpar, seconds)),
        viosUtil: system.vioses.map((vios) => viosEntry(vios, seconds)),
      },
    },
  };
}

function lparEntry(lpar: ClientLpar, seconds: number): object {
  return {
    id: lpar.id,
    uuid: lpar.uuid,
    type: 'aixlinux',
    name: lpar.name,
    state: 'Running',
    affinityScore: lpar.affinityScore,
    memory: { logicalMem: lpar.memoryMb, backedPhysicalMem: lpar.memoryMb },
    processor: processor(lpar, seconds),
    network: { virtualEthernetAdapters: lpar.ethernet.map((adapter) => ethernet(adapter, seconds)) },
    storage: {
      genericVirtualAdapters: lpar.vscsi.map((pointer) => ({
        physicalLocation: pointer.clientLocation,
        viosId: pointer.viosId,
        viosAdapterSlotId: pointer.serverSlot,
      })),
      virtualFiberChannelAdapters: lpar.vfc.map((pointer) => ({
        physicalLocation: pointer.clientLocation,
        viosId: pointer.viosId,
        // Bare unsigned 64-bit integers, as the HMC writes them: JSON.parse would round these.
        wwpnpair: pointer.wwpns.map(VerbatimNumber.unsigned64),
      })),
    },
  };
}

/** The hypervisor's view of a VIOS: no `type` and no `storage`, as in the capture. */
function viosEntry(vios: Vios, seconds: number): object {
  return {
    id: vios.id,
    uuid: vios.uuid,
    name: vios.name,
    state: 'Running',
    affinityScore: vios.affinityScore,
    memory: { assignedMem: vios.memoryMb },
    processor: processor(vios, seconds),
    network: { virtualEthernetAdapters: vios.ethernet.map((adapter) => ethernet(adapter, seconds)) },
  };
}

function processor(partition: Partition, seconds: number): object {
  const { processor: config, cycles } = partition;
  return {
    poolId: config.poolId,
    mode: config.mode,
    maxVirtualProcessors: config.virtualProcessors,
    maxProcUnits: config.procUnits,
    weight: config.weight,
    entitledProcCycles: valueAt(cycles.entitled, seconds),
    utilizedCappedProcCycles: valueAt(cycles.capped, seconds),
    utilizedUnCappedProcCycles: valueAt(cycles.uncapped, seconds),
    idleProcCycles: valueAt(cycles.idle, seconds),
    donatedProcCycles: valueAt(cycles.donated, seconds),
    timeSpentWaitingForDispatch: valueAt(cycles.dispatchWait, seconds),
    totalInstructions: valueAt(cycles.instructions, seconds),
    totalInstructionsExecutionTime: valueAt(cycles.instructionTime, seconds),
  };
}

function ethernet(adapter: EthernetAdapter, seconds: number): object {
  const { traffic, physical } = adapter;
  return {
    vlanId: adapter.vlanId,
    vswitchId: adapter.vswitchId,
    physicalLocation: adapter.location,
    isPortVLANID: true,
    receivedPackets: valueAt(traffic.receivedPackets, seconds),
    sentPackets: valueAt(traffic.sentPackets, seconds),
    droppedPackets: valueAt(traffic.droppedPackets, seconds),
    sentBytes: valueAt(traffic.sentBytes, seconds),
    receivedBytes: valueAt(traffic.receivedBytes, seconds),
    receivedPhysicalPackets: valueAt(physical.receivedPackets, seconds),
    sentPhysicalPackets: valueAt(physical.sentPackets, seconds),
    droppedPhysicalPackets: valueAt(physical.droppedPackets, seconds),
    sentPhysicalBytes: valueAt(physical.sentBytes, seconds),
    receivedPhysicalBytes: valueAt(physical.receivedBytes, seconds),
  };
}
