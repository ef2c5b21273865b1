import { objectAt, type JsonObject } from '../powervm/index.js';
import { cyclesToNs, delta, sumOrNull, type Delta } from './counters.js';
import { optional, type IssueLog } from './issues.js';
import type { CpuReading } from './readings.js';

interface Cycles {
  entitled: number | null;
  capped: number | null;
  uncapped: number | null;
  idle: number | null;
  donated: number | null;
}

function readCycles(processor: JsonObject | undefined, scope: string, log: IssueLog | undefined): Cycles {
  const read = (key: string): number | null =>
    log ? log.required(scope, processor, key, 'processor.') : optional(processor, key);
  return {
    entitled: read('entitledProcCycles'),
    capped: read('utilizedCappedProcCycles'),
    uncapped: read('utilizedUnCappedProcCycles'),
    idle: read('idleProcCycles'),
    donated: read('donatedProcCycles'),
  };
}

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
  const now = readCycles(processor, scope, log);
  const ns = (cycles: number | null): number | null => cyclesToNs(cycles, cyclesPerSecond);
  return {
    cpu_number: optional(processor, 'maxVirtualProcessors'),
    proc_units: optional(processor, 'maxProcUnits'),
    cpu_time: ns(sumOrNull(now.capped, now.uncapped)),
    cpu_capped_time: ns(now.capped),
    cpu_uncapped_time: ns(now.uncapped),
    cpu_entitled_time: ns(now.entitled),
    cpu_idle_time: ns(now.idle),
    cpu_donated_time: ns(now.donated),
    cpu_util: previous
      ? utilisation(now, readCycles(objectAt(previous, 'processor'), scope, undefined), scope, log)
      : null,
  };
}

/**
 * cpu_util = (Δcapped + Δuncapped − Δidle − Δdonated) / Δentitled × 100 (§12.2): the share of the
 * entitlement doing work. Capped cycles include the idle and donated ones, hence the subtraction.
 * Δentitled = 0 means the partition was not running: 0 %, as Ceilometer reported it. The division
 * comes before the ×100 so the floats match ceilometer-powervm's bit for bit.
 */
function utilisation(now: Cycles, before: Cycles, scope: string, log: IssueLog): number | null {
  const deltas: Delta[] = [
    delta(now.entitled, before.entitled),
    delta(now.capped, before.capped),
    delta(now.uncapped, before.uncapped),
    delta(now.idle, before.idle),
    delta(now.donated, before.donated),
  ];
  if (deltas.includes('reset')) {
    log.note(scope, 'cpu_util', 'reset');
    return null;
  }
  const [entitled, capped, uncapped, idle, donated] = deltas as [Delta, Delta, Delta, Delta, Delta];
  if (
    typeof entitled !== 'number' ||
    typeof capped !== 'number' ||
    typeof uncapped !== 'number' ||
    typeof idle !== 'number' ||
    typeof donated !== 'number'
  ) {
    return null;
  }
  if (entitled === 0) return 0;
  return ((capped + uncapped - idle - donated) / entitled) * 100;
}
