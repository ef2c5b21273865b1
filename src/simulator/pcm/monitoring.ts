import { hash32 } from '../prng.js';

export interface MonitorSettings {
  longTerm: boolean;
  computeOnly: boolean;
  shortTerm: boolean;
  aggregation: boolean;
}

/**
 * One managed system's PCM preferences, with their history: a sample exists for an instant only if
 * long-term monitoring was on just before it, and is compute-only if that was on. Keeping the history
 * (rather than only the current value) keeps already-rendered samples valid after a change.
 */
export class MonitorPreferences {
  private readonly changes: Array<{ at: number; settings: MonitorSettings }>;
  private tag: number;

  constructor(initial: MonitorSettings, etagSeed: string) {
    this.changes = [{ at: -Infinity, settings: initial }];
    this.tag = hash32(etagSeed) | 0;
  }

  /** The HTTP ETag of the preferences feed: a signed 32-bit number, as the HMC writes it. */
  get etag(): string {
    return String(this.tag);
  }

  get current(): MonitorSettings {
    return this.at(Infinity);
  }

  /** Settings in force for a sample taken at `ms`. */
  at(ms: number): MonitorSettings {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const change = this.changes[i];
      if (change && change.at < ms) return change.settings;
    }
    throw new Error('unreachable: the first change is at -Infinity');
  }

  /** The console bumps the ETag on every accepted update, changed or not. */
  update(now: number, patch: Partial<MonitorSettings>): void {
    this.changes.push({ at: now, settings: { ...this.current, ...patch } });
    const next = hash32(this.tag, now, this.changes.length) | 0;
    this.tag = next === this.tag ? next + 1 : next;
  }
}
