import type { Usage } from './schedule.js';
import {
  CYCLES_PER_SECOND,
  type IoProfile,
  type ModelPartition,
  type VirtualEthernet,
} from './estate-types.js';

/**
 * Cumulative counters as linear functions of accumulated usage, so they only ever grow while the
 * partition runs and restart from zero with it. Everything is rounded down to whole units.
 */

export interface ProcessorCounters {
  entitledProcCycles: number;
  utilizedCappedProcCycles: number;
  utilizedUnCappedProcCycles: number;
  idleProcCycles: number;
  donatedProcCycles: number;
  timeSpentWaitingForDispatch: number;
  totalInstructions: number;
  totalInstructionsExecutionTime: number;
}

/**
 * Capped cycles include the dispatched-but-idle share, which the partition reports as idle (or, for
 * dedicated processors sharing idle cycles, mostly as donated). Hence capped - idle - donated = busy,
 * and (capped + uncapped - idle - donated) / entitled is the true utilisation, above 1 when uncapped.
 */
export function processorCounters(p: ModelPartition, u: Usage): ProcessorCounters {
  const perUnit = p.procUnits * CYCLES_PER_SECOND;
  const busy = perUnit * u.busy;
  const dispatchedIdle = perUnit * p.idleDispatch * Math.max(0, u.run - u.busy);
  const donated = p.mode === 'share_idle_procs' ? dispatchedIdle * 0.7 : 0;
  const uncapped = p.mode === 'uncap' ? perUnit * u.extra : 0;
  const working = busy + uncapped;
  return {
    entitledProcCycles: Math.floor(perUnit * u.run),
    utilizedCappedProcCycles: Math.floor(busy + dispatchedIdle),
    utilizedUnCappedProcCycles: Math.floor(uncapped),
    idleProcCycles: Math.floor(dispatchedIdle - donated),
    donatedProcCycles: Math.floor(donated),
    timeSpentWaitingForDispatch: Math.floor(working * 0.004),
    totalInstructions: Math.floor(working * p.instructionsPerCycle),
    totalInstructionsExecutionTime: Math.floor(working * 0.97),
  };
}

/** Traffic follows the load, with a floor of background chatter while the partition is up. */
function activity(u: Usage): number {
  return 0.1 * u.run + 0.9 * u.busy;
}

export interface EthernetCounters {
  receivedPackets: number;
  sentPackets: number;
  droppedPackets: number;
  sentBytes: number;
  receivedBytes: number;
  receivedPhysicalPackets: number;
  sentPhysicalPackets: number;
  droppedPhysicalPackets: number;
  sentPhysicalBytes: number;
  receivedPhysicalBytes: number;
}

export const NO_TRAFFIC: EthernetCounters = {
  receivedPackets: 0,
  sentPackets: 0,
  droppedPackets: 0,
  sentBytes: 0,
  receivedBytes: 0,
  receivedPhysicalPackets: 0,
  sentPhysicalPackets: 0,
  droppedPhysicalPackets: 0,
  sentPhysicalBytes: 0,
  receivedPhysicalBytes: 0,
};

export function ethernetCounters(vea: VirtualEthernet, u: Usage): EthernetCounters {
  const rxBytes = vea.bytesPerSecond * activity(u);
  const txBytes = rxBytes * vea.sentPerReceived;
  const rxPackets = rxBytes / 900;
  const txPackets = txBytes / 600;
  const phys = vea.bridged ? 0.6 : 0;
  return {
    receivedPackets: Math.floor(rxPackets),
    sentPackets: Math.floor(txPackets),
    droppedPackets: Math.floor(rxPackets / 20_000),
    sentBytes: Math.floor(txBytes),
    receivedBytes: Math.floor(rxBytes),
    receivedPhysicalPackets: Math.floor(rxPackets * phys),
    sentPhysicalPackets: Math.floor(txPackets * phys),
    droppedPhysicalPackets: Math.floor((rxPackets * phys) / 20_000),
    sentPhysicalBytes: Math.floor(txBytes * phys),
    receivedPhysicalBytes: Math.floor(rxBytes * phys),
  };
}

export interface IoCounters {
  numOfReads: number;
  numOfWrites: number;
  readBytes: number;
  writeBytes: number;
}

export function ioCounters(io: IoProfile, u: Usage): IoCounters {
  const reads = Math.floor(io.readsPerSecond * activity(u));
  const writes = Math.floor(io.writesPerSecond * activity(u));
  return {
    numOfReads: reads,
    numOfWrites: writes,
    readBytes: reads * io.bytesPerRead,
    writeBytes: writes * io.bytesPerWrite,
  };
}

export function addCounters<T extends object>(total: T, more: T): T {
  const out = { ...total } as Record<string, number>;
  for (const [key, value] of Object.entries(more)) out[key] = (out[key] ?? 0) + (value as number);
  return out as T;
}
