import { toPcmJsonText } from './support/pcm-json-text.js';
import { layoutSystem } from './support/pcm-layout.js';
import { phypDocument } from './support/pcm-phyp-doc.js';
import { viosDocument } from './support/pcm-vios-doc.js';

/** The files of one PCM instant: the phyp file and one vios_N file per VIOS (vios_1, vios_2). */
export interface PcmInstant {
  phyp: string;
  vios: string[];
}

/** What the inspector must find in the generated documents, so a bench can check it did the whole job. */
export interface ExpectedReadings {
  lpars: number;
  vnics: number;
  disks: number;
  vioses: number;
}

export interface GeneratedPcm {
  system: { uuid: string; name: string; mtms: string };
  previous: PcmInstant;
  current: PcmInstant;
  expected: ExpectedReadings;
}

/** LTM writes a sample every 30 s. */
export const SAMPLE_INTERVAL_SECONDS = 30;
const PREVIOUS_TIME = Date.UTC(2025, 5, 2, 10, 0, 0);

/**
 * Two consecutive PCM instants of one managed system with `lparCount` client LPARs served by two
 * VIOSes. The same seed always gives the same bytes.
 */
export function generatePcm(lparCount: number, seed = 20_250_602): GeneratedPcm {
  const layout = layoutSystem(lparCount, seed);
  const instant = (seconds: number): PcmInstant => {
    const timeStamp = phypTimeStamp(PREVIOUS_TIME + seconds * 1000);
    return {
      phyp: toPcmJsonText(phypDocument(layout, seconds, timeStamp)),
      vios: layout.vioses.map((vios) => toPcmJsonText(viosDocument(layout, vios, seconds, timeStamp))),
    };
  };
  return {
    system: { uuid: layout.uuid, name: layout.name, mtms: layout.mtms },
    previous: instant(0),
    current: instant(SAMPLE_INTERVAL_SECONDS),
    expected: {
      lpars: lparCount,
      vnics: layout.lpars.reduce((sum, lpar) => sum + lpar.ethernet.length, 0),
      disks: layout.lpars.reduce((sum, lpar) => sum + lpar.vscsi.length + lpar.vfc.length, 0),
      vioses: layout.vioses.length,
    },
  };
}

/** `2025-06-02T10:00:30+0000`: no fraction and no colon in the zone, as phyp and vios files write it. */
function phypTimeStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
