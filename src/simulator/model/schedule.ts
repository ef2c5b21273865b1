import type { Signal } from './signals.js';

/**
 * When a partition runs, and how much load it has accumulated. All times are Unix seconds.
 *
 * A `cycle` partition is down for `downSeconds` at the start of every `periodSeconds` (counted from
 * `phaseSeconds`) and boots again afterwards, so its counters restart from zero. Its load signals must
 * repeat with that same period and phase: then every running stretch accumulates the same load, and
 * the VIOS-side totals (which survive the client's reboots) stay closed-form.
 */
export type Schedule =
  | { kind: 'always' }
  | { kind: 'never' }
  | { kind: 'cycle'; periodSeconds: number; downSeconds: number; phaseSeconds: number };

export interface Load {
  /** Fraction of the entitlement doing work (0..1). */
  busy: Signal;
  /** Work beyond the entitlement, borrowed from the pool (uncapped partitions only), in entitlements. */
  extra: Signal;
}

/** Time integrals over a stretch: seconds running, and entitlement-seconds of busy and extra work. */
export interface Usage {
  run: number;
  busy: number;
  extra: number;
}

const NO_USAGE: Usage = { run: 0, busy: 0, extra: 0 };

export function isRunning(schedule: Schedule, t: number): boolean {
  if (schedule.kind !== 'cycle') return schedule.kind === 'always';
  const into = mod(t - schedule.phaseSeconds, schedule.periodSeconds);
  return into >= schedule.downSeconds;
}

/** Usage since the partition last booted (no earlier than the system's IPL); zero while it is down. */
export function usageSinceBoot(schedule: Schedule, load: Load, ipl: number, t: number): Usage {
  if (!isRunning(schedule, t)) return NO_USAGE;
  const boot = schedule.kind === 'cycle' ? Math.max(ipl, runStart(schedule, t)) : ipl;
  return between(load, boot, t);
}

/** Usage accumulated over every running stretch since the system's IPL. */
export function usageSinceIpl(schedule: Schedule, load: Load, ipl: number, t: number): Usage {
  if (schedule.kind !== 'cycle') return schedule.kind === 'always' ? between(load, ipl, t) : NO_USAGE;
  const q = (x: number): Usage => gatedIntegral(schedule, load, x);
  const end = q(t);
  const start = q(ipl);
  return { run: end.run - start.run, busy: end.busy - start.busy, extra: end.extra - start.extra };
}

function between(load: Load, from: number, to: number): Usage {
  return {
    run: to - from,
    busy: Math.max(0, load.busy.integral(to) - load.busy.integral(from)),
    extra: Math.max(0, load.extra.integral(to) - load.extra.integral(from)),
  };
}

type Cycle = Extract<Schedule, { kind: 'cycle' }>;

function runStart(schedule: Cycle, t: number): number {
  const cycles = Math.floor((t - schedule.phaseSeconds) / schedule.periodSeconds);
  return schedule.phaseSeconds + cycles * schedule.periodSeconds + schedule.downSeconds;
}

/** Antiderivative of load × running: whole cycles contribute identical amounts (see the type's comment). */
function gatedIntegral(schedule: Cycle, load: Load, t: number): Usage {
  const { periodSeconds: period, downSeconds: down, phaseSeconds: phase } = schedule;
  const cycles = Math.floor((t - phase) / period);
  const started = phase + cycles * period + down;
  const whole = (s: Signal): number => s.integral(phase + period) - s.integral(phase + down);
  const partial = (s: Signal): number => (t > started ? s.integral(t) - s.integral(started) : 0);
  return {
    run: cycles * (period - down) + Math.max(0, t - started),
    busy: cycles * whole(load.busy) + partial(load.busy),
    extra: cycles * whole(load.extra) + partial(load.extra),
  };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
