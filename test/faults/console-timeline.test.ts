/**
 * Faults in the console's timeline: duplicated and out-of-order samples, samples dated in the future
 * or the distant past, clock skew between console and exporter. The feed-level selection (newest
 * first, duplicates once) is unit-tested in test/unit/powervm/feeds.test.ts, and Δt ≤ 0 in the
 * inspector in test/unit/inspector/edge-cases.test.ts; here the exporter lives through them.
 */
import { describe, expect, it } from 'vitest';
import type { Exposition } from '../unit/sinks/otel/support/exposition.js';
import {
  issues,
  linesAbout,
  metric,
  sampleAge,
  systemUp,
  useFaultRigs,
  type FaultRig,
} from './support/fault-rig.js';

const startRig = useFaultRigs();
const HOUR_MS = 3_600_000;

const cpuSeconds = (m: Exposition, rig: FaultRig) =>
  metric(m, 'powervm_lpar_cpu_seconds_total', { system: rig.system, lpar: 'db01' }) ?? 0;

/** Readings still arrive: db01's CPU time grows over the next scrapes. */
async function stillCollecting(rig: FaultRig): Promise<Exposition> {
  const before = cpuSeconds(await rig.scrape(), rig);
  return rig.until('new readings', (m) => cpuSeconds(m, rig) > before && systemUp(m, rig.system) === 1);
}

const wentBack = (rig: FaultRig) =>
  linesAbout(rig.logs, 'warn', rig.system).filter((l) => /is older than the previous one/.test(l.message));

describe('console timeline faults', () => {
  it('duplicated samples: each counts once, no interval issue, collection goes on', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'duplicate' });
    await stillCollecting(rig);
    const during = await stillCollecting(rig);
    expect(issues(during, rig.system, 'interval')).toBe(0);
    rig.sim.faults.clear();
    await rig.healthy();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('out-of-order samples (the newest goes back in time): one warning, one interval issue, then on', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'withhold', count: 3 });
    const back = await rig.until('the step back noted', (m) => issues(m, rig.system, 'interval') === 1);
    expect(systemUp(back, rig.system)).toBe(1);
    expect(wentBack(rig)).toHaveLength(1);
    await stillCollecting(rig); // the window slides on from the older sample
    rig.sim.faults.clear();
    await rig.healthy();
    expect(issues(await rig.scrape(), rig.system, 'interval')).toBe(1);
    expect(wentBack(rig)).toHaveLength(1);
  });

  it('a sample dated in the future: a negative age, and collection resumes once dates are right again', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'time-shift', ms: HOUR_MS });
    const ahead = await rig.until('future sample', (m) => (sampleAge(m, rig.system) ?? 0) < -3_000);
    expect(systemUp(ahead, rig.system)).toBe(1);
    rig.sim.faults.clear();
    // Without reading on from the older sample, the exporter would wait an hour for a newer one.
    await rig.healthy();
    expect(wentBack(rig)).toHaveLength(1);
    expect(issues(await rig.scrape(), rig.system, 'interval')).toBe(1);
  });

  it('a sample dated far in the past: its true age shows, and recovery is immediate', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'time-shift', ms: -30 * 24 * HOUR_MS });
    const old = await rig.until('old sample', (m) => (sampleAge(m, rig.system) ?? 0) > 29 * 24 * 3_600);
    expect(systemUp(old, rig.system)).toBe(1);
    rig.sim.faults.clear();
    await rig.healthy();
    expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it.each([
    ['ahead of', 2 * 60_000],
    ['behind', -2 * 60_000],
  ])(
    'clock skew, the console %s the exporter: the age shows it, readings keep coming',
    async (_how, skew) => {
      const rig = await startRig();
      await rig.healthy();
      rig.sim.faults.inject({ kind: 'clock-skew', ms: skew });
      const skewed = await rig.until(
        'skew visible',
        (m) => Math.abs((sampleAge(m, rig.system) ?? 0) + skew / 1000) < 10,
      );
      expect(systemUp(skewed, rig.system)).toBe(1);
      await stillCollecting(rig);
      await stillCollecting(rig);
      rig.sim.faults.clear();
      await rig.healthy();
      await stillCollecting(rig);
      expect(linesAbout(rig.logs, 'warn', rig.system).length).toBeLessThanOrEqual(1); // the step back, if any
    },
  );
});
