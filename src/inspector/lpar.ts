import { idAt, isObject, itemsAt, objectAt, stringAt, type JsonObject } from '../powervm/index.js';
import { ratePerSecond, sumOrNull } from './counters.js';
import { cpuReading } from './cpu.js';
import { optional, type IssueLog } from './issues.js';
import { guestMemoryUsage } from './memory.js';
import { vnicReadings } from './network.js';
import type { DiskReading, LparReading } from './readings.js';
import {
  diskOperations,
  priorAdapter,
  vfcDevice,
  vscsiDevice,
  type DiskDevice,
  type PriorAdapters,
  type ViosIndex,
} from './storage.js';

/**
 * What every LPAR of one sample pair is read against: the joined data of each sample. Built once
 * per inspect, not per LPAR.
 */
export interface LparContext {
  macs: ReadonlyMap<string, string>;
  vioses: ViosIndex;
  /** VIOS adapters of the previous sample; undefined when there is no usable previous sample. */
  priorAdapters: PriorAdapters | undefined;
  /** Seconds between the two samples; null when there is no usable previous sample. */
  seconds: number | null;
  cyclesPerSecond: number | null;
}

/** One LPAR's readings from its phyp entries in the current and previous sample, and its RMC entry. */
export function lparReading(
  uuid: string,
  current: JsonObject,
  previous: JsonObject | undefined,
  rmc: JsonObject | undefined,
  context: LparContext,
  log: IssueLog,
): LparReading {
  const name = stringAt(current, 'name') ?? uuid;
  const scope = `lpar ${name}`;
  const processor = objectAt(current, 'processor');
  const memory = objectAt(current, 'memory');
  const logical = optional(memory, 'logicalMem');
  return {
    lpar_uuid: uuid,
    lpar_name: name,
    lpar_id: idAt(current, 'id') ?? null,
    state: stringAt(current, 'state') ?? null,
    type: stringAt(current, 'type') ?? null,
    proc_mode: stringAt(processor, 'mode') ?? null,
    pool_id: idAt(processor, 'poolId') ?? null,
    weight: optional(processor, 'weight'),
    ...cpuReading(current, previous, context.cyclesPerSecond, scope, log),
    memory_actual: logical,
    memory_resident: optional(memory, 'backedPhysicalMem'),
    memory_usage: guestMemoryUsage(rmc, logical),
    vnics: vnicReadings(current, previous, context.seconds, context.macs, scope, log),
    disks: diskReadings(current, previous !== undefined, context, scope, log),
  };
}

/**
 * The LPAR's virtual disks: its vSCSI and vFC client adapters (phyp pointers, no counters) joined
 * with the serving VIOS adapters that carry the counters (§10.4). Pointers whose VIOS file is
 * absent for this instant have no counters and are left out, as in ceilometer-powervm.
 */
function diskReadings(
  lpar: JsonObject,
  hasPrevious: boolean,
  context: LparContext,
  scope: string,
  log: IssueLog,
): DiskReading[] {
  const storage = objectAt(lpar, 'storage');
  if (!storage) return [];
  const readings: DiskReading[] = [];
  for (const pointer of itemsAt(storage, 'genericVirtualAdapters')) {
    if (!isObject(pointer)) continue;
    const disk = vscsiDevice(pointer, context.vioses);
    if (disk) addDisk(readings, disk, 'vscsi', pointer, hasPrevious, context, scope, log);
  }
  for (const pointer of itemsAt(storage, 'virtualFiberChannelAdapters')) {
    if (!isObject(pointer)) continue;
    const disk = vfcDevice(pointer, context.vioses);
    if (disk) addDisk(readings, disk, 'vfc', pointer, hasPrevious, context, scope, log);
  }
  return readings;
}

/**
 * A disk's reading, with iops from the counters of the same VIOS adapter (device id) in the previous
 * sample's VIOS files: those counters are what the rate measures. A device absent before has no iops
 * yet rather than its whole history in one interval. Looking the previous adapter up by device,
 * instead of resolving the previous sample's pointers again, halved disk time (bench/).
 */
function addDisk(
  readings: DiskReading[],
  disk: DiskDevice,
  type: DiskReading['type'],
  pointer: JsonObject,
  hasPrevious: boolean,
  context: LparContext,
  scope: string,
  log: IssueLog,
): void {
  if (hasDevice(readings, disk.device)) {
    log.note(scope, `storage device ${disk.device}`, 'duplicate');
    return;
  }
  const prior = hasPrevious && context.priorAdapters ? priorAdapter(context.priorAdapters, disk) : undefined;
  // The counters are written out rather than spread from a helper's object: a spread in the middle
  // of a literal copies through an extra object, once per disk.
  const reads = optional(disk.adapter, 'numOfReads');
  const writes = optional(disk.adapter, 'numOfWrites');
  readings.push({
    device: disk.device,
    adapter: disk.adapterId,
    type,
    vios_id: disk.viosId,
    location: stringAt(pointer, 'physicalLocation') ?? null,
    read_requests: reads,
    read_bytes: optional(disk.adapter, 'readBytes'),
    write_requests: writes,
    write_bytes: optional(disk.adapter, 'writeBytes'),
    errors: 0,
    iops: prior ? ratePerSecond(sumOrNull(reads, writes), diskOperations(prior), context.seconds) : null,
  });
}

function hasDevice(readings: readonly DiskReading[], device: string): boolean {
  for (const reading of readings) if (reading.device === device) return true;
  return false;
}
