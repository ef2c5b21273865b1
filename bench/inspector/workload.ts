import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ExpectedReadings, GeneratedPcm, PcmInstant } from '../generate-pcm.js';

/**
 * The inspector benchmark's unit of work: two consecutive PCM instants of one system (phyp plus one
 * vios_N file per VIOS each), from text to readings. Both instants are parsed because inspect needs
 * the previous one for every rate, utilisation and iops, the VIOS files included.
 */
export interface Workload {
  system: GeneratedPcm['system'];
  previous: PcmInstant;
  current: PcmInstant;
  expected: ExpectedReadings;
}

interface WorkloadIndex {
  system: GeneratedPcm['system'];
  expected: ExpectedReadings;
  viosCount: number;
}

const INSTANTS = ['previous', 'current'] as const;

/** Writes the documents as files, so the measuring process holds the input text and nothing else. */
export function saveWorkload(pcm: GeneratedPcm, dir: string): void {
  const index: WorkloadIndex = {
    system: pcm.system,
    expected: pcm.expected,
    viosCount: pcm.current.vios.length,
  };
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify(index));
  for (const instant of INSTANTS) {
    writeFileSync(path.join(dir, `${instant}-phyp.json`), pcm[instant].phyp);
    pcm[instant].vios.forEach((text, n) =>
      writeFileSync(path.join(dir, `${instant}-vios_${n + 1}.json`), text),
    );
  }
}

export function loadWorkload(dir: string): Workload {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as WorkloadIndex;
  const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
  const load = (instant: (typeof INSTANTS)[number]): PcmInstant => ({
    phyp: read(`${instant}-phyp.json`),
    vios: Array.from({ length: index.viosCount }, (_, n) => read(`${instant}-vios_${n + 1}.json`)),
  });
  return {
    system: index.system,
    expected: index.expected,
    previous: load('previous'),
    current: load('current'),
  };
}

/** Every document text of the workload, in the order parseAndInspect reads them. */
export function workloadTexts(workload: Workload): string[] {
  return INSTANTS.flatMap((instant) => [workload[instant].phyp, ...workload[instant].vios]);
}
