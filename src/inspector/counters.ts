/**
 * Cumulative PowerVM counters (cycles, bytes, packets, operations) only grow while a partition
 * stays up. They restart from zero when an LPAR is rebooted or arrives on this system by Live
 * Partition Mobility, so a current value below the previous one is a reset, not negative work.
 * ceilometer-powervm reported such deltas as negative utilisation and rates; we report no value for
 * that interval instead, and the cumulative value itself (which Prometheus and Ceilometer both read
 * as a counter reset) stays as the console gave it.
 */
export type Delta = number | 'reset' | null;

export function delta(current: number | null, previous: number | null): Delta {
  if (current === null || previous === null) return null;
  return current < previous ? 'reset' : current - previous;
}

/** Per-second rate of a counter, or null when either side or the interval is unusable. */
export function ratePerSecond(
  current: number | null,
  previous: number | null,
  seconds: number | null,
): number | null {
  const d = delta(current, previous);
  return typeof d === 'number' && seconds !== null && seconds > 0 ? d / seconds : null;
}

/** Converts processor cycles to nanoseconds with the system's cycles-per-second (§7.1). */
export function cyclesToNs(cycles: number | null, cyclesPerSecond: number | null): number | null {
  if (cycles === null || cyclesPerSecond === null || cyclesPerSecond <= 0) return null;
  return (cycles / cyclesPerSecond) * 1e9;
}

export function sumOrNull(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
