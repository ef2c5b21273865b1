import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Ceilometer's `message_signature` (ceilometer/publisher/utils.py `compute_signature`, reference
 * ceilometer.md §3c), reproduced for a sample that is sent as `JSON.stringify` output.
 *
 * Ceilometer signs the values as Python sees them after `json.loads`, so this module signs the JSON
 * image of the sample, not the JS values: `undefined` keys vanish, `NaN`/`Infinity` become `None`,
 * `toJSON` is honoured, and a number is a Python int when its JSON token has no `.`/`e`
 * (`2.0` → `2`), otherwise a Python float printed with Python's repr (`1e-05`, `1e+21`).
 *
 * Walk (`recursive_keypairs`): keys sorted by code point at each level; dicts flattened as
 * `parent:child` (an empty dict emits nothing); lists emitted as the Python repr of
 * `decode_unicode(list)` (strings become bytes: `[b'a', 1, None]`); everything else as `str(value)`.
 * HMAC-SHA256 over `name` then `value` of each pair with no separators; top-level
 * `message_signature` is skipped; an empty secret means signing is disabled (`''`).
 *
 * Not reproduced: the py2 (Kilo-era) text of floats and lists, and strings holding lone UTF-16
 * surrogates (Python cannot encode them either).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The flattened `(name, text)` pairs in hashing order; exported so tests can show the HMAC input. */
export function signaturePairs(sample: object): Array<[string, string]> {
  const image = toJsonImage(sample);
  if (image === null || typeof image !== 'object' || Array.isArray(image)) {
    throw new TypeError('a Ceilometer sample must be a JSON object');
  }
  const pairs: Array<[string, string]> = [];
  walk(image, '', pairs);
  return pairs.filter(([name]) => name !== 'message_signature');
}

/** `message_signature` for `sample` (any `message_signature` already on it is ignored). */
export function signSample(sample: object, secret: string): string {
  return new SampleSigner(secret).sign(sample);
}

/**
 * Signs many samples with one secret: the HMAC key is prepared once, each sample's text is written
 * into one buffer and hashed in one go, and its scalars are written straight from the JS values
 * (what their JSON image would print), so only nested values go through the JSON image. A cycle of
 * 10,000 LPARs signs ~380,000 samples (bench/ceilometer).
 *
 * Converted samples differ only in `counter_volume` and `message_id` from the other samples of
 * their meter and resource. Sorted keys put those two between the meter's own keys (`counter_*`)
 * and all the others, so such a sample's text is a meter's {@link head}, the two values and a
 * resource's {@link tail}, each part written once ({@link signParts}); a tail is joined from
 * the {@link keyTexts} its resource shares with others.
 */
export class SampleSigner {
  readonly #hmac: HmacSha256 | undefined;

  constructor(secret: string) {
    this.#hmac = secret === '' ? undefined : new HmacSha256(secret);
  }

  /** `message_signature` for `sample`. */
  sign(sample: object): string {
    if (!this.#hmac) return '';
    return this.#hmac.add(this.#text(sample)).hex();
  }

  // Against an ASCII key, UTF-16 order is code point order: a surrogate sorts after ASCII in both.

  /** The signature text of `pairs`, whose keys all sort before `counter_volume`. */
  head(pairs: object): string {
    return this.#part(pairs, (key) => key < 'counter_volume', 'before counter_volume');
  }

  /**
   * The signature text of the keys of `parts` (from {@link keyTexts} of dicts with no key in common),
   * which all sort after `message_id`: the tail of many resources is joined from parts they share.
   */
  tail(...parts: KeyTexts[]): string {
    // Each part is in signing order: its first key is its smallest.
    for (const [first] of parts) {
      if (first !== undefined && !(first[0] > 'message_id')) {
        throw new RangeError(`${first[0]} does not sort after message_id`);
      }
    }
    return joinKeyTexts(parts);
  }

  /** The signature texts of the keys of `dict`, a plain dict, named `prefix` + key, in signing order. */
  keyTexts(dict: Readonly<Record<string, unknown>>, prefix = ''): KeyTexts {
    if (!isPlainDict(dict)) throw new TypeError('keyTexts takes a plain dict');
    return sortedKeys(dict).map((key) => [key, this.#hmac ? valueText(prefix, key, dict[key]) : '']);
  }

  /** `key` holding the dict whose keys' texts are `parts` (from {@link keyTexts} with the prefix `key:`). */
  dictText(key: string, ...parts: KeyTexts[]): KeyTexts {
    return [[key, joinKeyTexts(parts)]];
  }

  /**
   * `message_signature` of the sample made of a {@link head}'s keys, these two values and a
   * {@link tail}'s keys. `volumeText` is `String(volume)`, which the caller also sends.
   */
  signParts(head: string, volume: number, volumeText: string, messageId: string, tail: string): string {
    if (!this.#hmac) return '';
    return this.#hmac
      .add(head)
      .add('counter_volume')
      .add(numberText(volume, volumeText))
      .add('message_id')
      .add(messageId)
      .add(tail)
      .hex();
  }

  #part(pairs: object, inPlace: (key: string) => boolean, place: string): string {
    const misplaced = Object.keys(pairs).find((key) => !inPlace(key));
    if (misplaced !== undefined) throw new RangeError(`${misplaced} does not sort ${place}`);
    return this.#hmac ? this.#text(pairs) : '';
  }

  #text(sample: object): string {
    if (Array.isArray(sample) || typeof (sample as { toJSON?: unknown }).toJSON === 'function') {
      return signaturePairs(sample).flat().join('');
    }
    const dict = sample as Record<string, unknown>;
    let text = '';
    for (const key of sortedKeys(dict)) text += valueText('', key, dict[key]);
    return text;
  }
}

/**
 * The signature text of `key` holding `value` in a dict whose pairs are named `prefix` + key: its
 * pairs, concatenated. Scalars and plain dicts are written from the JS values as their JSON image
 * would print them; anything else (lists, toJSON, class instances) goes through the JSON image.
 */
function valueText(prefix: string, key: string, value: unknown): string {
  const name = prefix + key;
  // Only the top level's message_signature is skipped; a nested one is named `parent:…`.
  const skipped = name === 'message_signature';
  switch (typeof value) {
    case 'string':
      return skipped ? '' : name + value;
    case 'number':
      return skipped ? '' : name + numberText(value);
    case 'boolean':
      return skipped ? '' : name + (value ? 'True' : 'False');
    case 'undefined':
    case 'function':
    case 'symbol':
      return ''; // JSON.stringify leaves the key out
    default: {
      if (value === null) return skipped ? '' : `${name}None`;
      if (typeof value === 'object' && isPlainDict(value)) {
        let text = '';
        for (const child of sortedKeys(value)) text += valueText(`${name}:`, child, value[child]);
        return text;
      }
      const pairs: Array<[string, string]> = [];
      walk(toJsonImage({ [key]: value }) as { [key: string]: Json }, prefix, pairs);
      return pairs
        .filter(([pair]) => pair !== 'message_signature')
        .flat()
        .join('');
    }
  }
}

/** The signature texts of a dict's keys in signing order: each key and the text of its pairs. */
export type KeyTexts = ReadonlyArray<readonly [key: string, text: string]>;

/** The texts of `parts`' keys, in signing order: a merge, as each part is in order already. */
function joinKeyTexts(parts: readonly KeyTexts[]): string {
  const next = parts.map(() => 0);
  let text = '';
  for (;;) {
    let first = -1;
    for (let i = 0; i < parts.length; i++) {
      const entry = parts[i]![next[i]!];
      if (entry === undefined) continue;
      if (first < 0 || compareCodePoints(entry[0], parts[first]![next[first]!]![0]) < 0) first = i;
    }
    if (first < 0) return text;
    text += parts[first]![next[first]!++]![1];
  }
}

/** The text of a number as Python sees its JSON image (JSON writes NaN and ±Infinity as null). */
function numberText(value: number, text?: string): string {
  return Number.isFinite(value) ? pyNumber(value, text) : 'None';
}

/** A dict whose JSON image is itself: own enumerable keys, no toJSON, no class. */
function isPlainDict(value: object): value is Record<string, unknown> {
  if (Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * HMAC-SHA256 (RFC 2104, H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))) over two one-shot hashes, keyed once:
 * createHmac per sample cost more than hashing the sample (bench/ceilometer).
 */
class HmacSha256 {
  static readonly BLOCK = 64;
  /** K ⊕ ipad, then the message. */
  #inner: Buffer;
  /** K ⊕ opad, then the inner digest. */
  readonly #outer = Buffer.alloc(HmacSha256.BLOCK + 32);

  constructor(secret: string) {
    const block = HmacSha256.BLOCK;
    let key = Buffer.from(secret, 'utf8');
    if (key.length > block) key = hash('sha256', key, 'buffer');
    this.#inner = Buffer.alloc(block + 4096);
    for (let i = 0; i < block; i++) {
      const k = key[i] ?? 0;
      this.#inner[i] = k ^ 0x36;
      this.#outer[i] = k ^ 0x5c;
    }
  }

  /** The end of the message in #inner. */
  #end = HmacSha256.BLOCK;
  /**
   * Views of #inner by their end, each made once: a view per sample was ~100 bytes of garbage each
   * (~380,000 samples per 10,000-LPAR cycle), and messages have few distinct lengths.
   */
  readonly #views = new Map<number, Buffer>();

  /**
   * Appends `text` to the message. Written piece by piece: joining the pieces first would make V8
   * copy them into one more string per sample.
   */
  add(text: string): this {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; write would silently cut a longer text.
    const room = this.#end + text.length * 3;
    if (room > this.#inner.length) {
      const grown = Buffer.alloc(room * 2);
      this.#inner.copy(grown, 0, 0, this.#end);
      this.#inner = grown;
      this.#views.clear();
    }
    this.#end += this.#inner.write(text, this.#end, 'utf8');
    return this;
  }

  /** The HMAC of the message added so far, in hex; the next `add` starts a new message. */
  hex(): string {
    const block = HmacSha256.BLOCK;
    const end = this.#end;
    this.#end = block;
    // 'binary' (latin1) text carries the 32 digest bytes one per character, with no Buffer per sample.
    let view = this.#views.get(end);
    if (view === undefined) {
      view = this.#inner.subarray(0, end);
      this.#views.set(end, view);
    }
    this.#outer.write(hash('sha256', view, 'binary'), block, 'binary');
    return hash('sha256', this.#outer, 'hex');
  }
}

/** Ceilometer's `verify_signature`: true when signing is disabled, else a constant-time compare. */
export function verifySample(sample: object & { message_signature?: unknown }, secret: string): boolean {
  if (secret === '') return true;
  const given = typeof sample.message_signature === 'string' ? sample.message_signature : '';
  const expected = signSample(sample, secret);
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function toJsonImage(value: unknown): Json {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('a Ceilometer sample must be JSON-serialisable');
  return JSON.parse(text) as Json;
}

function walk(dict: { [key: string]: Json }, prefix: string, out: Array<[string, string]>): void {
  for (const key of sortedKeys(dict)) {
    const value = dict[key] as Json;
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      walk(value, `${name}:`, out);
    } else if (Array.isArray(value)) {
      out.push([name, pyRepr(value)]);
    } else {
      out.push([name, pyStr(value)]);
    }
  }
}

/** Python's `sorted` on str keys compares code points; JS's default sort compares UTF-16 units. */
function sortedKeys(dict: object): string[] {
  const keys = Object.keys(dict);
  // The default sort is native and much faster than a comparator (~50,000 dicts per cycle).
  return keys.some((key) => SURROGATE.test(key)) ? keys.sort(compareCodePoints) : keys.sort();
}

// UTF-16 order equals code point order unless a surrogate is involved: compare plainly then.
const SURROGATE = /[\uD800-\uDFFF]/;

function compareCodePoints(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const ca = Array.from(a);
  const cb = Array.from(b);
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i++) {
    const d = (ca[i] as string).codePointAt(0)! - (cb[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

/** `str(value)` of a scalar after `json.loads`. */
function pyStr(value: null | boolean | number | string): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  return value;
}

/** `repr(decode_unicode(value))`: strings as bytes, dicts with sorted keys. */
function pyRepr(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const items = sortedKeys(value).map((k) => `${bytesRepr(k)}: ${pyRepr(value[k] as Json)}`);
    return `{${items.join(', ')}}`;
  }
  if (typeof value === 'string') return bytesRepr(value);
  return pyStr(value);
}

/** CPython `bytes.__repr__` of the UTF-8 encoding of `s`. */
function bytesRepr(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  const quote = bytes.includes(0x27) && !bytes.includes(0x22) ? '"' : "'";
  const q = quote.charCodeAt(0);
  let out = 'b' + quote;
  for (const c of bytes) {
    if (c === q || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

/**
 * The text Python prints for the number `json.loads` makes of `JSON.stringify(n)` (n finite);
 * `text` is `String(n)` when the caller has it already.
 */
function pyNumber(n: number, text?: string): string {
  // JSON writes an integer below 1e21 without `.`/`e`: a Python int, the same digits as JS (-0 is `0`).
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return text ?? String(n);
  // A fraction between 1e-4 and 1e16: both print the shortest round-trip digits positionally.
  const size = Math.abs(n);
  if (size >= 1e-4 && size < 1e16) return text ?? String(n);
  return pyFloatRepr(n);
}

/**
 * Python's float repr: the shortest round-trip digits (the same digits JS picks), in scientific
 * form when the decimal exponent is < -4 or >= 16 (exponent with sign and at least two digits),
 * else positional with at least one fractional digit.
 */
export function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const [mantissa, expText] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
}
