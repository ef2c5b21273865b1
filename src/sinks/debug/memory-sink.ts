import type { Cycle } from '../../collector/state.js';
import type { Sink } from '../sink.js';

/** Keeps every cycle it is given, and lets a caller wait for one that satisfies a condition. */
export class MemorySink implements Sink {
  readonly name = 'memory';
  readonly cycles: Cycle[] = [];
  private waiters: { test: (cycle: Cycle) => boolean; resolve: (cycle: Cycle) => void }[] = [];

  publish(cycle: Cycle): void {
    this.cycles.push(cycle);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.test(cycle)) return true;
      waiter.resolve(cycle);
      return false;
    });
  }

  /**
   * The first cycle for which `test` holds, among those from index `from` on (by default all,
   * past and future); rejects after `timeoutMs`.
   */
  waitFor(test: (cycle: Cycle) => boolean, timeoutMs = 20_000, from = 0): Promise<Cycle> {
    const seen = this.cycles.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching cycle within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ test, resolve: (cycle) => (clearTimeout(timer), resolve(cycle)) });
    });
  }

  async shutdown(): Promise<void> {}
}
