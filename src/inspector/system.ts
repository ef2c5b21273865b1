import { idAt, numberAt, objectAt, stringAt, type JsonObject, type Sample } from '../powervm/index.js';
import { cyclesToNs, delta } from './counters.js';
import { optional, type IssueLog } from './issues.js';
import type { PoolReading, SystemReading } from './readings.js';

export function cyclesPerSecond(sample: Sample, log: IssueLog): number | null {
  const value = log.required(
    'system',
    objectAt(sample.phyp.sample, 'processor'),
    'procCyclesPerSecond',
    'processor.procCyclesPerSecond',
  );
  return value !== null && value > 0 ? value : null;
}

/** The previous sample with its partitions by UUID, as inspect indexed them for the LPAR readings. */
export interface PreviousPartitions {
  sample: Sample;
  lpars: ReadonlyMap<string, JsonObject>;
  vioses: ReadonlyMap<string, JsonObject>;
}

export function systemReading(
  current: Sample,
  previous: PreviousPartitions | undefined,
  seconds: number | null,
  cps: number | null,
  log: IssueLog,
): SystemReading {
  const sample = current.phyp.sample;
  const processor = objectAt(sample, 'processor');
  const memory = objectAt(sample, 'memory');
  const firmware = objectAt(sample, 'systemFirmware');
  return {
    uuid: current.system.uuid,
    name: current.system.name,
    mtms: current.system.mtms ?? current.phyp.mtms ?? null,
    time: new Date(current.time).toISOString(),
    interval: seconds,
    cpu_installed_cores: optional(processor, 'totalProcUnits'),
    cpu_configurable_cores: optional(processor, 'configurableProcUnits'),
    cpu_available_cores: optional(processor, 'availableProcUnits'),
    firmware_cpu_time: cyclesToNs(optional(firmware, 'utilizedProcCycles'), cps),
    cpu_util: previous ? hostUtilisation(current, previous, log) : null,
    memory_installed: optional(memory, 'totalMem'),
    memory_configurable: optional(memory, 'configurableMem'),
    memory_available: optional(memory, 'availableMem'),
    memory_firmware: optional(firmware, 'assignedMem'),
  };
}

/**
 * Share of the configurable capacity used since the previous sample, as pypowervm's host CPU cache
 * counts it (§11): partitions' (capped + uncapped − idle) cycles plus firmware cycles, over
 * Δ timeBasedCycles × configurable processor units. Partitions new to this sample, or whose
 * counters were reset, contribute nothing for this interval.
 */
function hostUtilisation(current: Sample, before: PreviousPartitions, log: IssueLog): number | null {
  const previous = before.sample;
  // One running sum in file order, LPARs then VIOSes, so the float result matches pypowervm's.
  const used = addBusyDeltas(current.phyp.vioses, before, addBusyDeltas(current.phyp.lpars, before, 0));
  const firmware = delta(firmwareCycles(current), firmwareCycles(previous));
  const timeBase = delta(
    numberAt(current.phyp.sample, 'timeBasedCycles') ?? null,
    numberAt(previous.phyp.sample, 'timeBasedCycles') ?? null,
  );
  const units = numberAt(objectAt(current.phyp.sample, 'processor'), 'configurableProcUnits');
  if (firmware === 'reset' || timeBase === 'reset') {
    log.note('system', 'cpu_util', 'reset');
    return null;
  }
  if (firmware === null || timeBase === null || units === undefined || timeBase * units <= 0) return null;
  return ((used + firmware) / (timeBase * units)) * 100;
}

/**
 * Adds to `used` the busy cycles the partitions used since the previous sample. A UUID found among
 * both the previous LPARs and VIOSes counts as the VIOS, the later list in the phyp file, as a later
 * entry wins (§13).
 */
function addBusyDeltas(partitions: readonly JsonObject[], before: PreviousPartitions, used: number): number {
  for (const partition of partitions) {
    const uuid = stringAt(partition, 'uuid');
    const prior = uuid ? (before.vioses.get(uuid) ?? before.lpars.get(uuid)) : undefined;
    const d = prior ? delta(busyCycles(partition), busyCycles(prior)) : null;
    if (typeof d === 'number') used += d;
  }
  return used;
}

function busyCycles(partition: JsonObject): number | null {
  const processor = objectAt(partition, 'processor');
  const capped = numberAt(processor, 'utilizedCappedProcCycles');
  const uncapped = numberAt(processor, 'utilizedUnCappedProcCycles');
  const idle = numberAt(processor, 'idleProcCycles');
  return capped === undefined || uncapped === undefined || idle === undefined
    ? null
    : capped + uncapped - idle;
}

function firmwareCycles(sample: Sample): number | null {
  return numberAt(objectAt(sample.phyp.sample, 'systemFirmware'), 'utilizedProcCycles') ?? null;
}

export function poolReadings(
  current: Sample,
  previous: Sample | undefined,
  cps: number | null,
): PoolReading[] {
  const before = new Map<number, JsonObject>();
  for (const pool of previous?.phyp.pools ?? []) {
    const id = idAt(pool, 'id');
    if (id !== undefined) before.set(id, pool);
  }
  const readings: PoolReading[] = [];
  for (const pool of current.phyp.pools) {
    const id = idAt(pool, 'id');
    if (id === undefined) continue;
    const assigned = optional(pool, 'assignedProcCycles');
    const utilized = optional(pool, 'utilizedPoolCycles');
    const prior = before.get(id);
    const dAssigned = delta(assigned, optional(prior, 'assignedProcCycles'));
    const dUtilized = delta(utilized, optional(prior, 'utilizedPoolCycles'));
    readings.push({
      pool_id: id,
      name: stringAt(pool, 'name') ?? `pool${id}`,
      max_cores: optional(pool, 'maxProcUnits'),
      borrowed_cores: optional(pool, 'borrowedPoolProcUnits'),
      assigned_time: cyclesToNs(assigned, cps),
      utilized_time: cyclesToNs(utilized, cps),
      pool_util:
        typeof dAssigned === 'number' && typeof dUtilized === 'number' && dAssigned > 0
          ? (dUtilized / dAssigned) * 100
          : null,
    });
  }
  return readings;
}
