/**
 * Faults in the estate the console describes: counters going backwards (LPAR reboot, live partition
 * mobility), LPARs and adapters appearing and disappearing, a VIOS file missing, a managed system
 * removed. The inspector's handling of each is unit-tested in test/unit/inspector/edge-cases.test.ts;
 * here the whole exporter meets them over HTTP and must never publish a negative rate or crash.
 */
import { describe, expect, it } from 'vitest';
import { samplesOf, type Exposition } from '../unit/sinks/otel/support/exposition.js';
import { issues, linesAbout, metric, systemUp, useFaultRigs, type FaultRig } from './support/fault-rig.js';

const startRig = useFaultRigs();

const lparMetric = (m: Exposition, rig: FaultRig, name: string, lpar: string, system = rig.system) =>
  metric(m, name, { system, lpar });
const cpuSeconds = (m: Exposition, rig: FaultRig, lpar = 'db01', system = rig.system) =>
  lparMetric(m, rig, 'powervm_lpar_cpu_seconds_total', lpar, system);
const adapters = (m: Exposition, rig: FaultRig, lpar: string) =>
  samplesOf(m, 'powervm_lpar_network_adapter_info', { system: rig.system, lpar }).length;

/** No rate, ratio or gauge of the exporter is ever negative, whatever the console does. */
function expectNoNegatives(m: Exposition): void {
  const negative = m.samples.filter(
    (s) => s.value < 0 && s.name !== 'powervm_sample_age_seconds' && !Number.isNaN(s.value),
  );
  expect(negative).toEqual([]);
}

/** Scrapes a few times while `during` holds, checking every scrape for negative values. */
async function watch(rig: FaultRig, what: string, test: (m: Exposition) => boolean): Promise<Exposition> {
  return rig.until(what, (m) => {
    expectNoNegatives(m);
    return test(m);
  });
}

describe('console estate faults', () => {
  it('LPAR reboot: counters go backwards, a reset issue is counted, no negative rate, and rates resume', async () => {
    // db01 alone: the estate's second partition reboots on a schedule of its own, and a reset it
    // caused would pass for db01's.
    const rig = await startRig({ lpars: 1 });
    const before = await rig.healthy();
    await watch(rig, 'CPU time grown', (m) => (cpuSeconds(m, rig) ?? 0) > (cpuSeconds(before, rig) ?? 0));
    const high = cpuSeconds(await rig.scrape(), rig)!;
    rig.sim.faults.inject({ kind: 'lpar-reboot', lpar: 'db01' });
    const reset = await watch(rig, 'reset counted', (m) => issues(m, rig.system, 'reset') > 0);
    expect(cpuSeconds(reset, rig)).toBeLessThan(high);
    expect(systemUp(reset, rig.system)).toBe(1);
    await watch(
      rig,
      'utilisation again',
      (m) => (lparMetric(m, rig, 'powervm_lpar_cpu_utilization_ratio', 'db01') ?? 0) > 0,
    );
    expect(linesAbout(rig.logs, 'warn')).toEqual([]);
  });

  it('live partition mobility: the LPAR leaves one system and counts from zero on the other', async () => {
    const rig = await startRig({ systems: 2 });
    const [from, to] = rig.sim.systems.map((s) => s.name) as [string, string];
    await rig.healthy(from);
    await rig.healthy(to);
    // Partition names are unique on a system: the destination's own db01 was removed before.
    rig.sim.faults.inject({ kind: 'hide-lpar', system: to, lpar: 'db01' });
    await rig.until('destination db01 gone', (m) => cpuSeconds(m, rig, 'db01', to) === undefined);
    const before = cpuSeconds(await rig.scrape(), rig, 'db01', from)!;
    rig.sim.faults.inject({ kind: 'lpar-migrate', system: from, lpar: 'db01', to });
    const moved = await watch(
      rig,
      'db01 moved',
      (m) => cpuSeconds(m, rig, 'db01', from) === undefined && cpuSeconds(m, rig, 'db01', to) !== undefined,
    );
    expect(cpuSeconds(moved, rig, 'db01', to)).toBeLessThan(before);
    await watch(
      rig,
      'rates on the destination',
      (m) => (lparMetric(m, rig, 'powervm_lpar_cpu_utilization_ratio', 'db01', to) ?? 0) > 0,
    );
    expect(systemUp(moved, from)).toBe(1);
    expect(linesAbout(rig.logs, 'warn')).toEqual([]);
  });

  it('an LPAR disappears and comes back: its series go and return, the others are untouched', async () => {
    const rig = await startRig();
    await rig.healthy();
    const id = rig.sim.faults.inject({ kind: 'hide-lpar', lpar: 'web01' });
    const gone = await watch(
      rig,
      'web01 gone',
      (m) => lparMetric(m, rig, 'powervm_lpar_info', 'web01') === undefined,
    );
    expect(lparMetric(gone, rig, 'powervm_lpar_info', 'db01')).toBe(1);
    rig.sim.faults.clear(id);
    await watch(rig, 'web01 back', (m) => lparMetric(m, rig, 'powervm_lpar_info', 'web01') === 1);
    expect(linesAbout(rig.logs, 'warn')).toEqual([]);
  });

  it('adapters disappear and come back: their series go meanwhile and return with them', async () => {
    const rig = await startRig();
    await rig.healthy();
    const count = adapters(await rig.scrape(), rig, 'db01');
    expect(count).toBeGreaterThan(0);
    const id = rig.sim.faults.inject({ kind: 'hide-adapters', lpar: 'db01' });
    await watch(rig, 'adapters gone', (m) => adapters(m, rig, 'db01') === 0);
    rig.sim.faults.clear(id);
    await watch(rig, 'adapters back', (m) => adapters(m, rig, 'db01') === count);
    expect(systemUp(await rig.scrape(), rig.system)).toBe(1);
  });

  it('a VIOS file missing for a sample: the system stays up, the VIOS-side data comes back with it', async () => {
    const rig = await startRig();
    await rig.healthy();
    const vios1 = (m: Exposition) =>
      samplesOf(m, 'powervm_vios_storage_adapter_info', { vios: 'vios1' }).length;
    const count = vios1(await rig.scrape());
    expect(count).toBeGreaterThan(0);
    const id = rig.sim.faults.inject({ kind: 'omit-files', category: '^vios_1$' });
    const without = await watch(rig, 'vios1 data gone', (m) => vios1(m) === 0);
    expect(systemUp(without, rig.system)).toBe(1);
    rig.sim.faults.clear(id);
    await watch(rig, 'vios1 data back', (m) => vios1(m) === count);
    expect(linesAbout(rig.logs, 'error')).toEqual([]);
  });

  it('a managed system removed from the console: its series go, one line says so, and it returns', async () => {
    const rig = await startRig({ systems: 2 }, { schedule: { discoveryEveryMs: 1_000 } });
    const [gone, stays] = rig.sim.systems.map((s) => s.name) as [string, string];
    await rig.healthy(gone);
    const id = rig.sim.faults.inject({ kind: 'hide-system', system: gone });
    const without = await watch(rig, 'system gone', (m) => systemUp(m, gone) === undefined);
    expect(systemUp(without, stays)).toBe(1);
    expect(rig.logs.filter((l) => l.message === 'managed system gone from the console')).toHaveLength(1);
    rig.sim.faults.clear(id);
    await rig.healthy(gone);
    const starts = rig.logs.filter(
      (l) =>
        l.message === 'collecting from managed system' && (l.fields as { system?: string }).system === gone,
    );
    expect(starts).toHaveLength(2);
    expect(linesAbout(rig.logs, 'warn', gone).length).toBeLessThanOrEqual(1); // a 404 if polled before discovery
  });
});
