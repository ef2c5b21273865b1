import { FormatError } from './errors.js';
import { idAt, isObject, objectAt, objectsAt, stringAt, type JsonObject } from './json-fields.js';
import { parseTimestamp } from './timestamps.js';
import { quoteWwpns, restoreWwpns } from './wwpn-pairs.js';

/** The hypervisor's view of one managed system at one instant (`phyp` file, powervm-pcm.md §7.1). */
export interface PhypDocument {
  kind: 'phyp';
  name: string | undefined;
  mtms: string | undefined;
  /** Sample time from `utilSample.timeStamp`, ms since the epoch, if it parses. */
  time: number | undefined;
  sample: JsonObject;
  lpars: JsonObject[];
  vioses: JsonObject[];
  pools: JsonObject[];
}

/** One VIOS's own view of its adapters (`vios_N` file, §7.2). */
export interface ViosDocument {
  kind: 'vios';
  id: number;
  mtms: string | undefined;
  time: number | undefined;
  vios: JsonObject;
}

/** Guest memory from RMC (`lpar` file, §7.3). */
export interface LparDocument {
  kind: 'lpar';
  time: number | undefined;
  entries: JsonObject[];
}

export type PcmDocument = PhypDocument | ViosDocument | LparDocument;

/**
 * Parses one PCM JSON file, keeping the vFC WWPNs exact (wwpn-pairs.ts): after a plain JSON.parse
 * their digits are restored from the text, or, if that does not line up, the text is parsed again
 * with them quoted.
 */
export function parsePcmJson(text: string): PcmDocument {
  const doc = classify(parseJson(text));
  if (doc.kind !== 'phyp' || !text.includes('wwpn') || restoreWwpns(text, doc.lpars)) return doc;
  return classify(parseJson(quoteWwpns(text)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(`malformed JSON: ${(error as Error).message}`);
  }
}

function classify(raw: unknown): PcmDocument {
  if (!isObject(raw)) throw new FormatError('expected a JSON object at the top level');
  if (Array.isArray(raw['lparUtil'])) {
    const entries = objectsAt(raw, 'lparUtil');
    return { kind: 'lpar', time: latestEntryTime(entries), entries };
  }
  const system = objectAt(raw, 'systemUtil');
  if (!system) throw new FormatError('expected `systemUtil` (phyp or vios file) or `lparUtil` (lpar file)');
  const info = objectAt(system, 'utilInfo');
  const sample = objectAt(system, 'utilSample');
  if (!sample) throw new FormatError('missing object', 'systemUtil.utilSample');
  const time = parseTimestamp(stringAt(sample, 'timeStamp'));
  const mtms = stringAt(info, 'mtms');
  if (Array.isArray(sample['lparsUtil']) || objectAt(sample, 'processor')) {
    requireArray(sample, 'lparsUtil');
    return {
      kind: 'phyp',
      name: stringAt(info, 'name'),
      mtms,
      time,
      sample,
      lpars: objectsAt(sample, 'lparsUtil'),
      vioses: objectsAt(sample, 'viosUtil'),
      pools: objectsAt(sample, 'sharedProcessorPool'),
    };
  }
  requireArray(sample, 'viosUtil');
  const [vios] = objectsAt(sample, 'viosUtil');
  if (!vios) throw new FormatError('vios file has an empty viosUtil', 'systemUtil.utilSample.viosUtil');
  const id = idAt(vios, 'id');
  if (id === undefined)
    throw new FormatError('VIOS id is not an integer', 'systemUtil.utilSample.viosUtil[0].id');
  return { kind: 'vios', id, mtms, time, vios };
}

function requireArray(sample: JsonObject, key: string): void {
  if (!Array.isArray(sample[key])) throw new FormatError('missing array', `systemUtil.utilSample.${key}`);
}

function latestEntryTime(entries: JsonObject[]): number | undefined {
  let latest: number | undefined;
  for (const entry of entries) {
    const time = parseTimestamp(stringAt(entry, 'timeStamp'));
    if (time !== undefined && (latest === undefined || time > latest)) latest = time;
  }
  return latest;
}

/** A WWPN as the VIOS writes it: 16 hex digits (case and leading zeros vary). */
export function hexWwpnValue(value: unknown): bigint | undefined {
  return typeof value === 'string' && /^[0-9a-fA-F]{1,16}$/.test(value) ? BigInt(`0x${value}`) : undefined;
}
