import { FormatError } from './errors.js';
import { idAt, isObject, objectAt, objectsAt, stringAt, type JsonObject } from './json-fields.js';
import { parseTimestamp } from './timestamps.js';

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

// JSON.parse rounds integers above 2^53, which turns the two WWPNs of a vFC adapter into one
// number (powervm-pcm.md §16.1). The documents are parsed as they are, and the exact digits of each
// pair, found by one regex scan of the text, are written back over the rounded numbers. The scan
// finds the pairs in document order, which is the order the parsed LPARs and adapters come in;
// if anything does not line up (a pair elsewhere, a duplicated key), the text is parsed again with
// the pairs quoted, which is always exact but copies the whole document (bench/: ~10 % at 10,000 LPARs).
const WWPN_PAIR = /"wwpn[pP]air"\s*:\s*\[([^\]]*)\]/g;
const BARE_INTEGER = /-?\d+/g;
const WWPN_KEY = /^wwpn[pP]air$/;

export function parsePcmJson(text: string): PcmDocument {
  const doc = classify(parseJson(text));
  if (doc.kind !== 'phyp' || !text.includes('wwpn') || restoreWwpns(text, doc)) return doc;
  return classify(parseJson(quoteWwpns(text)));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(`malformed JSON: ${(error as Error).message}`);
  }
}

/** Replaces each vFC pointer's parsed WWPNs by their exact digits; false when the text and the parse disagree. */
function restoreWwpns(text: string, doc: PhypDocument): boolean {
  const pairs = [...text.matchAll(WWPN_PAIR)];
  let next = 0;
  for (const lpar of doc.lpars) {
    for (const adapter of objectsAt(objectAt(lpar, 'storage'), 'virtualFiberChannelAdapters')) {
      for (const key of Object.keys(adapter)) {
        if (!WWPN_KEY.test(key)) continue;
        const parsed = adapter[key];
        const digits = pairs[next++]?.[1]?.match(BARE_INTEGER) ?? [];
        if (!Array.isArray(parsed) || parsed.length !== digits.length) return false;
        if (!parsed.every((value, i) => value === Number(digits[i]))) return false;
        (adapter as Record<string, unknown>)[key] = digits;
      }
    }
  }
  return next === pairs.length;
}

function quoteWwpns(text: string): string {
  return text.replace(WWPN_PAIR, (all: string, items: string) =>
    all.replace(items, items.replace(BARE_INTEGER, '"$&"')),
  );
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
