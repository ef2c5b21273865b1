import { RawNumber, toJsonText, type JsonValue } from '../json-text.js';
import { sampleTimeStamp } from '../time-format.js';
import {
  addCounters,
  ethernetCounters,
  NO_TRAFFIC,
  processorCounters,
  type EthernetCounters,
} from './counters.js';
import { CYCLES_PER_SECOND, iplBefore, type ModelPartition, type ModelSystem } from './estate-types.js';
import { isRunning, usageSinceBoot, usageSinceIpl, type Usage } from './schedule.js';

/** Injected faults and events (reboots, migrations): partitions left out, stripped, restarted or added. */
export interface PartitionChanges {
  hidden: ReadonlySet<string>;
  bare: ReadonlySet<string>;
  /** ms since the epoch from which a partition's counters count again. */
  bootedAt: ReadonlyMap<string, number>;
  guests: readonly ModelPartition[];
}

/** The hypervisor's view of one sample instant (powervm-pcm.md §7.1). */
export function renderPhyp(
  system: ModelSystem,
  instantMs: number,
  computeOnly: boolean,
  changes?: PartitionChanges,
): string {
  const t = instantMs / 1000;
  const ipl = iplBefore(system, t);
  const uptimeCycles = (t - ipl) * CYCLES_PER_SECOND;
  const { info } = system;
  const sinceIpl = (p: ModelPartition): Usage => usageSinceIpl(p.schedule, p.load, ipl, t);
  const sea = seaTraffic(system, sinceIpl);
  const doc = {
    systemUtil: {
      utilInfo: {
        version: '1.3.0',
        metricType: 'Raw',
        monitoringType: 'LTM',
        mtms: info.mtms,
        name: info.name,
      },
      utilSample: {
        timeStamp: sampleTimeStamp(instantMs),
        status: 0,
        errorInfo: [],
        timeBasedCycles: RawNumber.exponent(uptimeCycles),
        systemFirmware: {
          utilizedProcCycles: Math.floor(uptimeCycles * 0.004 * info.configurableProcUnits),
          assignedMem: system.firmwareMemMb,
        },
        processor: {
          totalProcUnits: info.installedProcUnits,
          configurableProcUnits: info.configurableProcUnits,
          availableProcUnits: info.availableProcUnits,
          procCyclesPerSecond: CYCLES_PER_SECOND,
        },
        memory: {
          totalMem: info.installedMemMb,
          availableMem: info.availableMemMb,
          configurableMem: info.configurableMemMb,
        },
        sharedProcessorPool: system.pools.map((pool) => {
          const members = [...system.vioses.map((v) => v.partition), ...system.lpars].filter(
            (p) => p.poolId === pool.id,
          );
          const used = members.reduce((n, p) => {
            const c = processorCounters(p, sinceIpl(p));
            return n + c.utilizedCappedProcCycles - c.idleProcCycles + c.utilizedUnCappedProcCycles;
          }, 0);
          const entitled = members.reduce((n, p) => n + p.procUnits, 0);
          return {
            id: pool.id,
            name: pool.name,
            assignedProcCycles: RawNumber.exponent(uptimeCycles * pool.maxProcUnits),
            utilizedPoolCycles: used,
            maxProcUnits: pool.maxProcUnits,
            borrowedPoolProcUnits: Math.max(0, Math.round((pool.maxProcUnits - entitled) * 100) / 100),
          };
        }),
        lparsUtil: [
          ...system.lpars.filter((p) => !changes?.hidden.has(p.uuid)),
          ...(changes?.guests ?? []),
        ].map((p) =>
          lparEntry(
            p,
            Math.max(ipl, (changes?.bootedAt.get(p.uuid) ?? -Infinity) / 1000),
            t,
            computeOnly || (changes?.bare.has(p.uuid) ?? false),
          ),
        ),
        viosUtil: system.vioses.map((v) =>
          viosEntry(v.partition, v.primary ? sea : undefined, ipl, t, computeOnly),
        ),
      },
    },
  };
  return toJsonText(doc);
}

/** `since`: the system's IPL, or the partition's own later (re)start. */
function lparEntry(p: ModelPartition, since: number, t: number, computeOnly: boolean): JsonValue {
  const running = isRunning(p.schedule, t);
  const usage = usageSinceBoot(p.schedule, p.load, since, t);
  const withIo = running && !computeOnly;
  return {
    id: p.id,
    uuid: p.uuid,
    type: p.osType,
    name: p.name,
    state: running ? 'Running' : 'Not Activated',
    affinityScore: p.affinityScore,
    memory: { logicalMem: p.memoryMb, backedPhysicalMem: p.memoryMb },
    processor: processorBlock(p, usage),
    network: withIo
      ? {
          virtualEthernetAdapters: p.veas.map((vea) => ({
            vlanId: vea.vlanId,
            vswitchId: vea.vswitchId,
            physicalLocation: vea.location,
            isPortVLANID: true,
            ...ethernetCounters(vea, usage),
          })),
        }
      : undefined,
    storage: withIo
      ? {
          genericVirtualAdapters: p.vscsi.map((a) => ({
            physicalLocation: a.location,
            viosId: a.viosId,
            viosAdapterSlotId: a.viosSlot,
          })),
          virtualFiberChannelAdapters:
            p.vfc.length === 0
              ? undefined
              : p.vfc.map((a) => ({
                  physicalLocation: a.location,
                  viosId: a.viosId,
                  [a.pairKey]: a.wwpns.map((w) => RawNumber.of(w)),
                })),
        }
      : undefined,
  };
}

function viosEntry(
  p: ModelPartition,
  sea: EthernetCounters | undefined,
  ipl: number,
  t: number,
  computeOnly: boolean,
): JsonValue {
  const usage = usageSinceBoot(p.schedule, p.load, ipl, t);
  return {
    id: p.id,
    uuid: p.uuid,
    name: p.name,
    state: 'Running',
    affinityScore: p.affinityScore,
    memory: { assignedMem: p.memoryMb },
    processor: processorBlock(p, usage),
    network: computeOnly
      ? undefined
      : {
          virtualEthernetAdapters: p.veas.map((vea) => ({
            vlanId: vea.vlanId,
            vswitchId: vea.vswitchId,
            physicalLocation: vea.location,
            isPortVLANID: true,
            ...(vea.bridged && sea ? sea : ethernetCounters(vea, usage)),
          })),
        },
  };
}

function processorBlock(p: ModelPartition, usage: Usage): JsonValue {
  return {
    poolId: p.poolId,
    mode: p.mode,
    maxVirtualProcessors: p.virtualProcessors,
    maxProcUnits: p.procUnits,
    weight: p.weight,
    ...processorCounters(p, usage),
  };
}

/**
 * What the primary VIOS's SEA forwards: the physical share of every bridged client adapter, since the
 * IPL (a client's reboot does not reset the VIOS's counters), seen from the VIOS so sent and received swap.
 */
export function seaTraffic(system: ModelSystem, sinceIpl: (p: ModelPartition) => Usage): EthernetCounters {
  let total = NO_TRAFFIC;
  for (const p of system.lpars) {
    const bridged = p.veas.filter((vea) => vea.bridged);
    if (bridged.length === 0) continue;
    const usage = sinceIpl(p);
    for (const vea of bridged) {
      const c = ethernetCounters(vea, usage);
      total = addCounters(total, {
        ...c,
        receivedPackets: c.sentPhysicalPackets,
        sentPackets: c.receivedPhysicalPackets,
        droppedPackets: c.droppedPhysicalPackets,
        receivedBytes: c.sentPhysicalBytes,
        sentBytes: c.receivedPhysicalBytes,
      });
    }
  }
  return total;
}
