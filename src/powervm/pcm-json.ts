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
// number (powervm-pcm.md §16.1). Quoting the digits of these two keys before parsing keeps them
// exact at the cost of one regex scan; the key names can only appear there as real JSON keys.
const WWPN_PAIR = /("wwpn[pP]air"\s*:\s*\[)([^\]]*)\]/g;
const BARE_INTEGER = /-?\d+/g;

export function parsePcmJson(text: string): PcmDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(quoteWwpns(text));
  } catch (error) {
    throw new FormatError(`malformed JSON: ${(error as Error).message}`);
  }
  return classify(raw);
}

function quoteWwpns(text: string): string {
  if (!text.includes('wwpn')) return text;
  return text.replace(WWPN_PAIR, (_all, head: string, items: string) => {
    return `${head}${items.replace(BARE_INTEGER, '"$&"')}]`;
  });
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

/** A client WWPN as the vFC pointer carries it (decimal text after quoteWwpns), as an unsigned 64-bit value. */
export function wwpnValue(value: unknown): bigint | undefined {
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) {
    const wwpn = BigInt(value);
    return wwpn < 1n << 64n ? wwpn : undefined;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

/** A WWPN as the VIOS writes it: 16 hex digits (case and leading zeros vary). */
export function hexWwpnValue(value: unknown): bigint | undefined {
  return typeof value === 'string' && /^[0-9a-fA-F]{1,16}$/.test(value) ? BigInt(`0x${value}`) : undefined;
}
