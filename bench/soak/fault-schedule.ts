import type { Fault, RunningSimulator } from '../../src/simulator/index.js';
import type { SeededRandom } from '../support/seeded-random.js';

/** One thing the soak does to the console: a fault that lasts some cycles, or an event. */
export interface Mischief {
  /** The kind as reported: the fault kind, refined where one kind covers several cases. */
  label: string;
  fault?: Fault;
  /** An event outside the fault model: the console restarts (every session is invalidated). */
  restart?: boolean;
}

type Pick = (rng: SeededRandom, systems: readonly string[]) => Mischief;

const FEED = 'LongTermMonitor$';
const FILES = 'LongTermMonitor/LTM_';
const some = (rng: SeededRandom, systems: readonly string[]): string | undefined =>
  rng.chance(0.5) ? rng.pick(systems) : undefined;

/**
 * The faults of the console-side fault suite (test/faults/console-*.test.ts), drawn at random.
 * Live partition mobility is left out: the simulated systems reuse LPAR names, and a real
 * console refuses to move a partition onto a system that has one of the same name.
 */
const CATALOGUE: readonly Pick[] = [
  () => ({ label: 'console down', fault: { kind: 'refuse' } }),
  () => ({ label: 'console restart', restart: true }),
  (rng, s) => ({
    label: 'slow answers',
    fault: { kind: 'delay', ms: 3_000, path: FEED, system: some(rng, s) },
  }),
  (rng, s) => ({ label: 'answer never ends', fault: { kind: 'hang', path: FILES, system: some(rng, s) } }),
  (rng, s) => ({ label: 'reset mid-body', fault: { kind: 'reset', path: FEED, system: some(rng, s) } }),
  (rng, s) => ({ label: '403', fault: { kind: 'status', status: 403, path: FEED, system: some(rng, s) } }),
  (rng, s) => ({ label: '500', fault: { kind: 'status', status: 500, system: some(rng, s) } }),
  (rng, s) => ({ label: '503', fault: { kind: 'status', status: 503, path: FEED, system: some(rng, s) } }),
  (rng, s) => ({ label: '204 empty feed', fault: { kind: 'empty', path: FEED, system: some(rng, s) } }),
  (rng, s) => ({
    label: 'links 404',
    fault: { kind: 'status', status: 404, path: FILES, system: some(rng, s) },
  }),
  (rng) => ({ label: 'truncated', fault: { kind: 'truncate', path: rng.pick([FEED, FILES]) } }),
  (rng) => ({ label: 'malformed', fault: { kind: 'malformed', path: rng.pick([FEED, FILES]) } }),
  () => ({ label: 'wrong content type', fault: { kind: 'content-type', path: FEED } }),
  () => ({ label: 'huge body', fault: { kind: 'huge', bytes: 32 * 1024 * 1024, path: '_phyp_' } }),
  () => ({ label: 'duplicated samples', fault: { kind: 'duplicate' } }),
  (rng) => ({ label: 'out-of-order samples', fault: { kind: 'withhold', count: rng.int(1, 4) } }),
  (rng) => ({
    label: 'misdated samples',
    fault: { kind: 'time-shift', ms: rng.pick([3_600_000, -86_400_000]) },
  }),
  (rng) => ({ label: 'clock skew', fault: { kind: 'clock-skew', ms: rng.pick([-90_000, 90_000]) } }),
  (rng, s) => ({
    label: 'VIOS file missing',
    fault: { kind: 'omit-files', category: '^vios_1$', system: some(rng, s) },
  }),
  (rng, s) => ({ label: 'LPAR gone', fault: { kind: 'hide-lpar', lpar: lpar(rng), system: rng.pick(s) } }),
  (rng, s) => ({
    label: 'adapters gone',
    fault: { kind: 'hide-adapters', lpar: lpar(rng), system: rng.pick(s) },
  }),
  (rng, s) => ({ label: 'system removed', fault: { kind: 'hide-system', system: rng.pick(s) } }),
  (rng, s) => ({
    label: 'LPAR reboot',
    fault: { kind: 'lpar-reboot', lpar: lpar(rng), system: rng.pick(s) },
  }),
];

/** The simulator's first LPARs, present in every estate of at least four. */
function lpar(rng: SeededRandom): string {
  return rng.pick(['db01', 'app01', 'web01', 'mq01']);
}

/**
 * Every cycle: lifts the fault whose time is up, and otherwise, with probability `rate`, starts a
 * new one for 2–6 cycles. One fault at a time, so each recovery can be told apart.
 */
export class FaultSchedule {
  readonly injected = new Map<string, number>();
  private active: { id: string; until: number } | undefined;

  constructor(
    private readonly sim: RunningSimulator,
    private readonly rng: SeededRandom,
    private readonly rate: number,
  ) {}

  tick(cycle: number): void {
    if (this.active && cycle >= this.active.until) {
      this.sim.faults.clear(this.active.id);
      this.active = undefined;
      return;
    }
    if (this.active || !this.rng.chance(this.rate)) return;
    const mischief = this.rng.pick(CATALOGUE)(
      this.rng,
      this.sim.systems.map((s) => s.name),
    );
    this.injected.set(mischief.label, (this.injected.get(mischief.label) ?? 0) + 1);
    if (mischief.restart) this.sim.invalidateSessions();
    if (!mischief.fault) return;
    const id = this.sim.faults.inject(mischief.fault);
    // Events (reboots) are history, not conditions: nothing to lift.
    if (this.sim.faults.list().some((f) => f.id === id))
      this.active = { id, until: cycle + this.rng.int(2, 6) };
  }

  /** Lifts whatever is in force, so the run ends on a healthy console. */
  finish(): void {
    this.sim.faults.clear();
    this.active = undefined;
  }

  get total(): number {
    return [...this.injected.values()].reduce((a, b) => a + b, 0);
  }
}
