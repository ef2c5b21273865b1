import { isObject, itemsAt, objectAt, type JsonObject } from './json-fields.js';

// JSON.parse rounds integers above 2^53, which turns the two WWPNs of a vFC adapter into one
// number (powervm-pcm.md §16.1). The documents are parsed as they are, and the exact digits of each
// pair, found by one scan of the text, are written back over the rounded numbers. The scan finds
// the pairs in document order, which is the order the parsed LPARs and adapters come in; if
// anything does not line up (a pair elsewhere, a duplicated key), the caller parses the text again
// with the pairs quoted, which is always exact but copies the whole document.
const WWPN_PAIR = /"wwpn[pP]air"\s*:\s*\[([^\]]*)\]/g;
// The same pair up to its `[`: the rest is read by hand, so a pair costs its digit strings and
// nothing else (a regex match array and a capture per pair were a third of parsing's garbage).
const WWPN_PAIR_START = /"wwpn[pP]air"\s*:\s*\[/g;
const BARE_INTEGER = /-?\d+/g;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
/** integersBetween's digits before it copies them out; emptied after each use. */
const scratch: string[] = [];

/**
 * Replaces each vFC pointer's parsed WWPNs, in the phyp file's LPARs, by their exact digits; false
 * when the text and the parse disagree (the document is then partly restored: parse it again).
 */
export function restoreWwpns(text: string, lpars: readonly JsonObject[]): boolean {
  const pairs = new PairScanner(text);
  for (const lpar of lpars) {
    for (const adapter of itemsAt(objectAt(lpar, 'storage'), 'virtualFiberChannelAdapters')) {
      if (!isObject(adapter)) continue;
      // for…in, not Object.keys: the keys in document order without an array per adapter.
      for (const key in adapter) {
        if (key !== 'wwpnpair' && key !== 'wwpnPair') continue;
        const digits = pairs.next();
        if (!digits || !sameNumbers(adapter[key], digits)) return false;
        (adapter as Record<string, unknown>)[key] = digits;
      }
    }
  }
  return pairs.next() === undefined;
}

/** The text with every WWPN pair's integers quoted, so that JSON.parse keeps their digits. */
export function quoteWwpns(text: string): string {
  return text.replace(WWPN_PAIR, (all: string, items: string) =>
    all.replace(items, items.replace(BARE_INTEGER, '"$&"')),
  );
}

/** The pairs WWPN_PAIR matches, in order, each as the integers BARE_INTEGER finds in it. */
class PairScanner {
  private readonly start = new RegExp(WWPN_PAIR_START);
  private done = false;

  constructor(private readonly text: string) {}

  next(): string[] | undefined {
    if (this.done || !this.start.test(this.text)) return undefined;
    const from = this.start.lastIndex;
    const end = this.text.indexOf(']', from);
    // Without a `]` after it, neither this start nor any later one is a whole pair.
    if (end < 0) {
      this.done = true;
      return undefined;
    }
    this.start.lastIndex = end + 1;
    return integersBetween(this.text, from, end);
  }
}

/** What BARE_INTEGER matches in text[from, end), read without a regex. */
function integersBetween(text: string, from: number, end: number): string[] {
  // Collected in a reused array and copied out at their exact count: a fresh array grown by push
  // reserves room for 17 items, for the two of a pair.
  let count = 0;
  let i = from;
  while (i < end) {
    const first = i;
    if (text.charCodeAt(i) === MINUS && i + 1 < end && isDigit(text.charCodeAt(i + 1))) i++;
    else if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    scratch[count++] = detachedSlice(text, first, i);
  }
  const found = scratch.slice(0, count);
  scratch.fill('', 0, count);
  return found;
}

/** V8 copies slices shorter than this; longer ones are views into the string they came from. */
const SHORTEST_VIEW = 13;

/**
 * text[from, to) as a string that owns its characters. A longer slice would be a view keeping all
 * of `text` alive, and a WWPN's digits outlive their document (the next sample is inspected against
 * it): each system held its whole phyp text, ~3 MB at 1,000 LPARs, for a few 20-digit strings.
 * Two slices too short to be views, joined, own their characters.
 */
function detachedSlice(text: string, from: number, to: number): string {
  if (to - from < SHORTEST_VIEW) return text.slice(from, to);
  const middle = from + ((to - from) >> 1);
  return text.slice(from, middle) + text.slice(middle, to);
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function sameNumbers(parsed: unknown, digits: readonly string[]): boolean {
  if (!Array.isArray(parsed) || parsed.length !== digits.length) return false;
  for (let i = 0; i < digits.length; i++) if (parsed[i] !== Number(digits[i])) return false;
  return true;
}
