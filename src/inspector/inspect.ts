import { idAt, stringAt, type JsonObject, type Sample } from '../powervm/index.js';
import { IssueLog } from './issues.js';
import { lparReading, type LparContext } from './lpar.js';
import { indexRmcEntries } from './memory.js';
import type { LparReading, Readings, ViosReading } from './readings.js';
import { indexPriorAdapters, indexVioses } from './storage.js';
import { cyclesPerSecond, poolReadings, systemReading, type PreviousPartitions } from './system.js';
import { viosReading } from './vios.js';

export interface InspectOptions {
  /**
   * Seconds between the samples, overriding their timestamps. For captures whose timestamps are
   * unreliable (all of pypowervm's test files carry the same one); the collector never sets it.
   */
  intervalSeconds?: number | undefined;
}

/**
 * Turns one managed system's current sample, and the one before it if any, into readings.
 * Pure: no clock, no I/O; time comes from the samples. Without a usable previous sample (first
 * poll, a different system, or one that is not older) the cumulative readings are still given and
 * every rate, utilisation and iops is null.
 */
export function inspect(current: Sample, previous?: Sample, options: InspectOptions = {}): Readings {
  const log = new IssueLog();
  const usable = usablePrevious(current, previous, options, log);
  const seconds = usable ? (options.intervalSeconds ?? (current.time - usable.time) / 1000) : null;
  const cps = cyclesPerSecond(current, log);

  const context: LparContext = {
    macs: current.macs,
    vioses: indexVioses(current.vios),
    priorAdapters: usable ? indexPriorAdapters(usable.vios) : undefined,
    seconds,
    cyclesPerSecond: cps,
  };
  const rmc = indexRmcEntries(current.lpar);
  const before: PreviousPartitions | undefined = usable && {
    sample: usable,
    lpars: byUuid(usable.phyp.lpars),
    vioses: byUuid(usable.phyp.vioses),
  };
  const lpars: LparReading[] = [];
  for (const [uuid, entry] of byUuid(current.phyp.lpars)) {
    lpars.push(lparReading(uuid, entry, before?.lpars.get(uuid), rmc.get(uuid), context, log));
  }

  const vioses: ViosReading[] = [];
  for (const [uuid, entry] of byUuid(current.phyp.vioses)) {
    const doc = current.vios.find((d) => d.id === idAt(entry, 'id'));
    vioses.push(viosReading(entry, before?.vioses.get(uuid), doc, cps, log));
  }

  return {
    system: systemReading(current, before, seconds, cps, log),
    pools: poolReadings(current, usable, cps),
    lpars,
    vioses,
    issues: log.issues,
  };
}

function usablePrevious(
  current: Sample,
  previous: Sample | undefined,
  options: InspectOptions,
  log: IssueLog,
): Sample | undefined {
  if (!previous) return undefined;
  if (previous.system.uuid !== current.system.uuid) return undefined;
  if (options.intervalSeconds === undefined && previous.time >= current.time) {
    log.note('system', 'sample time', 'interval');
    return undefined;
  }
  return previous;
}

/** Partitions by UUID; when two entries share one, the later wins (as in pypowervm, §13). */
function byUuid(partitions: readonly JsonObject[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const partition of partitions) {
    const uuid = stringAt(partition, 'uuid');
    if (uuid) map.set(uuid, partition);
  }
  return map;
}
