/**
 * Seeded randomness. Everything the simulator invents (names, UUIDs, load shapes, MACs) is drawn from
 * here so that one seed always describes the same estate, on every machine and Node version.
 */

/** FNV-1a over the parts' text with a murmur3 finaliser, so that nearby inputs give unrelated outputs. */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for test data. */
export class Rng {
  private state: number;

  constructor(...seedParts: ReadonlyArray<string | number>) {
    this.state = hash32(...seedParts);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** Integer in [low, high], both inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick needs a non-empty list');
    return item;
  }

  hex(digits: number): string {
    let out = '';
    while (out.length < digits)
      out += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return out.slice(0, digits);
  }

  /** RFC 4122 layout; HMCs hand out name-based (v3) UUIDs for systems and random (v4) ones elsewhere. */
  uuid(version: 3 | 4): string {
    const h = this.hex(32).split('');
    h[12] = String(version);
    h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** A stable per-object UUID without keeping generator state around (used for feed entry ids). */
export function uuidFor(...parts: ReadonlyArray<string | number>): string {
  return new Rng(...parts).uuid(4);
}

/** Deterministic Fisher-Yates: the LTM feed must look unsorted, yet identical on every request. */
export function shuffled<T>(items: readonly T[], ...seedParts: ReadonlyArray<string | number>): T[] {
  const out = [...items];
  const rng = new Rng(...seedParts);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
