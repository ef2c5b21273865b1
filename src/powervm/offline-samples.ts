import { FormatError } from './errors.js';
import type { LparDocument, PcmDocument, PhypDocument, ViosDocument } from './pcm-json.js';
import type { Sample } from './sample.js';

export interface NamedDocument {
  /** Where the document came from (a file path), for error messages. */
  source: string;
  doc: PcmDocument;
}

/**
 * Builds the two newest Samples from loose PCM files (no feed, so no `updated` times): phyp files
 * ordered by their own timeStamp (ties keep the given order), and for each, per VIOS the vios file
 * and the lpar file nearest in time. Returns [current, previous?].
 */
export function samplesFromDocuments(documents: readonly NamedDocument[]): Sample[] {
  const phyps: { source: string; doc: PhypDocument; time: number }[] = [];
  const vioses: ViosDocument[] = [];
  const lpars: LparDocument[] = [];
  for (const { source, doc } of documents) {
    if (doc.kind === 'phyp') {
      if (doc.time === undefined)
        throw new FormatError(`${source}: phyp file has no parseable utilSample.timeStamp`);
      phyps.push({ source, doc, time: doc.time });
    } else if (doc.kind === 'vios') vioses.push(doc);
    else lpars.push(doc);
  }
  if (phyps.length === 0) throw new FormatError('no phyp file among the given files: nothing to inspect');
  const ordered = phyps
    .map((p, index) => ({ ...p, index }))
    .sort((a, b) => b.time - a.time || b.index - a.index);
  return ordered.slice(0, 2).map(({ doc, time }) => ({
    system: {
      uuid: doc.mtms ?? doc.name ?? 'unknown',
      name: doc.name ?? doc.mtms ?? 'unknown',
      mtms: doc.mtms,
    },
    time,
    phyp: doc,
    vios: [...new Set(vioses.map((v) => v.id))].map((id) =>
      nearest(
        vioses.filter((v) => v.id === id),
        time,
      )!,
    ),
    lpar: nearest(lpars, time),
    macs: new Map(),
  }));
}

function nearest<T extends { time: number | undefined }>(docs: readonly T[], time: number): T | undefined {
  let best: T | undefined;
  for (const doc of docs) {
    const distance = Math.abs((doc.time ?? 0) - time);
    if (!best || distance <= Math.abs((best.time ?? 0) - time)) best = doc;
  }
  return best;
}
