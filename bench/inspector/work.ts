import type { Readings } from '../../src/inspector/index.js';
import type { Sample, ViosDocument } from '../../src/powervm/index.js';
import type { ExpectedReadings, PcmInstant } from '../generate-pcm.js';
import { inspect, parsePcmJson } from './product.js';
import type { Workload } from './workload.js';

// The two ways of reading a workload that the inspector benchmark compares, and a check of the second.

/** The baseline: the least any reader of these bytes must do. */
export function parseAsPlainJson(texts: readonly string[]): unknown[] {
  return texts.map((text) => JSON.parse(text) as unknown);
}

/** The product path, as built in dist/: parsePcmJson on every document, then inspect(current, previous). */
export function parseAndInspect(workload: Workload): Readings {
  const previous = toSample(workload, workload.previous);
  const current = toSample(workload, workload.current);
  return inspect(current, previous);
}

function toSample(workload: Workload, instant: PcmInstant): Sample {
  const phyp = parsePcmJson(instant.phyp);
  if (phyp.kind !== 'phyp' || phyp.time === undefined)
    throw new Error('generated phyp file did not parse as one');
  const vios = instant.vios.map((text): ViosDocument => {
    const doc = parsePcmJson(text);
    if (doc.kind !== 'vios') throw new Error('generated vios file did not parse as one');
    return doc;
  });
  return { system: workload.system, time: phyp.time, phyp, vios, lpar: undefined, macs: new Map() };
}

/**
 * Fails unless inspect derived every reading the documents allow: a join that silently failed (a
 * WWPN rounded by the parser, a slot that does not match) would make the benchmark time less work.
 */
export function checkReadings(readings: Readings, expected: ExpectedReadings): void {
  const problems: string[] = [];
  const vnics = readings.lpars.flatMap((lpar) => lpar.vnics);
  const disks = readings.lpars.flatMap((lpar) => lpar.disks);
  if (readings.lpars.length !== expected.lpars) problems.push(`${readings.lpars.length} LPAR readings`);
  if (readings.vioses.length !== expected.vioses) problems.push(`${readings.vioses.length} VIOS readings`);
  if (readings.system.cpu_util === null) problems.push('no system cpu_util');
  if (readings.lpars.some((lpar) => lpar.cpu_util === null)) problems.push('an LPAR without cpu_util');
  if (vnics.length !== expected.vnics) problems.push(`${vnics.length} of ${expected.vnics} vNICs`);
  if (vnics.some((vnic) => vnic.rx_bytes_rate === null)) problems.push('a vNIC without rates');
  if (disks.length !== expected.disks) problems.push(`${disks.length} of ${expected.disks} disks`);
  if (disks.some((disk) => disk.iops === null)) problems.push('a disk without iops');
  if (readings.vioses.some((vios) => !vios.has_io_data)) problems.push('a VIOS without its vios file');
  if (readings.issues.length > 0) problems.push(`issues: ${JSON.stringify(readings.issues.slice(0, 3))}`);
  if (problems.length > 0)
    throw new Error(`incomplete readings from generated documents: ${problems.join('; ')}`);
}
