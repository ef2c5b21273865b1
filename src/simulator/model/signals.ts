/**
 * Load curves with closed-form integrals. Counters are integrals of load over time, so any sample
 * instant can be rendered in O(1) per counter, with no history to replay.
 * Time `t` is in seconds since the system's IPL.
 */

export interface Signal {
  /** Instantaneous level. */
  value(t: number): number;
  /** An antiderivative: only differences between two points are meaningful. */
  integral(t: number): number;
}

export function constant(level: number): Signal {
  return { value: () => level, integral: (t) => level * t };
}

/** `mean + amplitude * sin(2πt/period + phase)`; keep amplitude ≤ mean so it never goes negative. */
export function sine(mean: number, amplitude: number, periodSeconds: number, phase: number): Signal {
  const w = (2 * Math.PI) / periodSeconds;
  return {
    value: (t) => mean + amplitude * Math.sin(w * t + phase),
    integral: (t) => mean * t - (amplitude / w) * Math.cos(w * t + phase),
  };
}

/** A repeating table of levels, one per slot, starting at `origin` (seconds). */
export function steps(levels: readonly number[], slotSeconds: number, origin = 0): Signal {
  const prefix = [0];
  for (const level of levels) prefix.push((prefix[prefix.length - 1] ?? 0) + level * slotSeconds);
  const period = levels.length * slotSeconds;
  const perPeriod = prefix[levels.length] ?? 0;
  const locate = (t: number): { periods: number; slot: number; into: number } => {
    const u = t - origin;
    const periods = Math.floor(u / period);
    const within = u - periods * period;
    const slot = Math.min(levels.length - 1, Math.floor(within / slotSeconds));
    return { periods, slot, into: within - slot * slotSeconds };
  };
  return {
    value: (t) => levels[locate(t).slot] ?? 0,
    integral: (t) => {
      const { periods, slot, into } = locate(t);
      return periods * perPeriod + (prefix[slot] ?? 0) + (levels[slot] ?? 0) * into;
    },
  };
}
