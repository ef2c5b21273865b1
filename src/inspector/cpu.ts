import { objectAt, type JsonObject } from '../powervm/index.js';
import { cyclesToNs, delta, sumOrNull } from './counters.js';
import { optional, type IssueLog } from './issues.js';
import type { CpuReading } from './readings.js';

/**
 * Processor readings of one partition (client LPAR or VIOS) from its phyp entries in the current
 * and previous sample (powervm-pcm.md §12.2, with cpu_time in real nanoseconds).
 */
export function cpuReading(
  current: JsonObject,
  previous: JsonObject | undefined,
  cyclesPerSecond: number | null,
  scope: string,
  log: IssueLog,
): CpuReading {
  const processor = objectAt(current, 'processor');
  const entitled = log.required(scope, processor, 'entitledProcCycles', 'processor.');
  const capped = log.required(scope, processor, 'utilizedCappedProcCycles', 'processor.');
  const uncapped = log.required(scope, processor, 'utilizedUnCappedProcCycles', 'processor.');
  const idle = log.required(scope, processor, 'idleProcCycles', 'processor.');
  const donated = log.required(scope, processor, 'donatedProcCycles', 'processor.');
  return {
    cpu_number: optional(processor, 'maxVirtualProcessors'),
    proc_units: optional(processor, 'maxProcUnits'),
    cpu_time: cyclesToNs(sumOrNull(capped, uncapped), cyclesPerSecond),
    cpu_capped_time: cyclesToNs(capped, cyclesPerSecond),
    cpu_uncapped_time: cyclesToNs(uncapped, cyclesPerSecond),
    cpu_entitled_time: cyclesToNs(entitled, cyclesPerSecond),
    cpu_idle_time: cyclesToNs(idle, cyclesPerSecond),
    cpu_donated_time: cyclesToNs(donated, cyclesPerSecond),
    cpu_util: previous
      ? utilisation(entitled, capped, uncapped, idle, donated, objectAt(previous, 'processor'), scope, log)
      : null,
  };
}

/**
 * cpu_util = (Δcapped + Δuncapped − Δidle − Δdonated) / Δentitled × 100 (§12.2): the share of the
 * entitlement doing work. Capped cycles include the idle and donated ones, hence the subtraction.
 * Δentitled = 0 means the partition was not running: 0 %, as Ceilometer reported it. The division
 * comes before the ×100 so the floats match ceilometer-powervm's bit for bit. The cycles come as
 * arguments rather than in an object: this runs for every partition of every sample.
 */
function utilisation(
  entitled: number | null,
  capped: number | null,
  uncapped: number | null,
  idle: number | null,
  donated: number | null,
  before: JsonObject | undefined,
  scope: string,
  log: IssueLog,
): number | null {
  const dEntitled = delta(entitled, optional(before, 'entitledProcCycles'));
  const dCapped = delta(capped, optional(before, 'utilizedCappedProcCycles'));
  const dUncapped = delta(uncapped, optional(before, 'utilizedUnCappedProcCycles'));
  const dIdle = delta(idle, optional(before, 'idleProcCycles'));
  const dDonated = delta(donated, optional(before, 'donatedProcCycles'));
  if (
    dEntitled === 'reset' ||
    dCapped === 'reset' ||
    dUncapped === 'reset' ||
    dIdle === 'reset' ||
    dDonated === 'reset'
  ) {
    log.note(scope, 'cpu_util', 'reset');
    return null;
  }
  if (dEntitled === null || dCapped === null || dUncapped === null || dIdle === null || dDonated === null) {
    return null;
  }
  if (dEntitled === 0) return 0;
  return ((dCapped + dUncapped - dIdle - dDonated) / dEntitled) * 100;
}
