import { createHmac, timingSafeEqual } from 'node:crypto';

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
  if (secret === '') return '';
  const hmac = createHmac('sha256', Buffer.from(secret, 'utf8'));
  for (const [name, text] of signaturePairs(sample)) {
    hmac.update(name, 'utf8');
    hmac.update(text, 'utf8');
  }
  return hmac.digest('hex');
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
  return Object.keys(dict).sort(compareCodePoints);
}

// UTF-16 order equals code point order unless a surrogate is involved: compare plainly then, since
// sorting the keys of every sample is a hot path (bench/ceilometer).
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

/** The text Python prints for the number `json.loads` makes of `JSON.stringify(n)`. */
function pyNumber(n: number): string {
  const token = JSON.stringify(n);
  if (!/[.eE]/.test(token)) return token; // a Python int: exact decimal digits
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
