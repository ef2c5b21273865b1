/**
 * Seeded randomness for generated benchmark inputs: one seed always gives the same documents, so
 * figures from different runs and machines describe the same work.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny and fast; statistical quality does not matter for test data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [low, high], both inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  range(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick needs a non-empty list');
    return item;
  }

  /** Upper-case UUID, as PCM writes partition UUIDs. */
  uuid(): string {
    const hex = (digits: number): string => {
      let out = '';
      for (let i = 0; i < digits; i++) out += Math.floor(this.next() * 16).toString(16);
      return out.toUpperCase();
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.pick(['8', '9', 'A', 'B'])}${hex(3)}-${hex(12)}`;
  }
}
