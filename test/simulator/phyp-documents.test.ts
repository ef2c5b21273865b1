import { describe, expect, it } from 'vitest';
import { CPU_KEYS, window, type IoAdapter, type Phyp, type Vios } from './pcm-shapes.js';
import { useSimulators } from './sim-client.js';

const start = useSimulators();
const T0 = Date.parse('2026-03-01T12:00:10Z');

describe('phyp files', () => {
  it('carry every key of the reference, with the console number and time formats', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const { text, entry } = (await c.latestPhyp(1))[0]!;
    const { utilInfo, utilSample } = (JSON.parse(text) as Phyp).systemUtil;
    expect(utilInfo).toEqual({
      version: '1.3.0',
      metricType: 'Raw',
      monitoringType: 'LTM',
      mtms: c.system.mtms,
      name: c.system.name,
    });
    expect(utilSample.timeStamp).toBe('2026-03-01T12:00:00+0000');
    expect(entry.updated).toBe('2026-03-01T12:00:00.000Z');
    expect(utilSample).toMatchObject({ status: 0, errorInfo: [] });
    expect(text).toMatch(/"timeBasedCycles": \d\.\d+e\+1\d,/);
    expect(Object.keys(utilSample.systemFirmware as object)).toEqual(['utilizedProcCycles', 'assignedMem']);
    expect(utilSample.processor).toMatchObject({ procCyclesPerSecond: 512000000 });
    expect(Object.keys(utilSample.processor as object)).toEqual([
      'totalProcUnits',
      'configurableProcUnits',
      'availableProcUnits',
      'procCyclesPerSecond',
    ]);
    expect(Object.keys(utilSample.memory as object)).toEqual(['totalMem', 'availableMem', 'configurableMem']);
    const pools = utilSample.sharedProcessorPool as Array<Record<string, unknown>>;
    expect(pools[0]).toMatchObject({ id: 0, name: 'DefaultPool' });
    expect(pools.map((p) => Object.keys(p))).toContainEqual([
      'id',
      'name',
      'assignedProcCycles',
      'utilizedPoolCycles',
      'maxProcUnits',
      'borrowedPoolProcUnits',
    ]);
    expect(utilSample.lparsUtil).toHaveLength(8);
    expect(utilSample.viosUtil.map((v) => v.id)).toEqual([1, 2]);
    for (const lpar of utilSample.lparsUtil) {
      expect(lpar.uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
      expect(['cap', 'uncap', 'share_idle_procs']).toContain(lpar.processor.mode);
      for (const key of ['maxVirtualProcessors', 'maxProcUnits', ...CPU_KEYS]) {
        expect(typeof lpar.processor[key], key).toBe('number');
      }
    }
    const many = await (await start({ clock: () => T0, lpars: 40 })).logon();
    const big = await many.newestPhyp();
    const modes = new Set(
      (JSON.parse(big) as Phyp).systemUtil.utilSample.lparsUtil.map((l) => l.processor.mode),
    );
    expect(modes).toEqual(new Set(['cap', 'uncap', 'share_idle_procs']));
  });

  it('some systems have a second shared pool', async () => {
    const c = await (await start({ clock: () => T0, systems: 2 })).logon();
    const pools = await Promise.all(
      c.sim.systems.map(async (s) => {
        const phyp = (await c.ltmFeed(s.uuid)).find((e) => e.category === 'phyp')!;
        return (
          (JSON.parse(await c.text(phyp.href)) as Phyp).systemUtil.utilSample.sharedProcessorPool as unknown[]
        ).length;
      }),
    );
    expect(pools.sort()).toEqual([1, 2]);
  });

  it('counters only grow while an LPAR runs, and the busy one uses more than its entitlement', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const samples = await window(c);
    let pairs = 0;
    for (let i = 1; i < samples.length; i++) {
      const before = new Map(samples[i - 1]!.phyp.systemUtil.utilSample.lparsUtil.map((l) => [l.uuid, l]));
      for (const now of samples[i]!.phyp.systemUtil.utilSample.lparsUtil) {
        const prev = before.get(now.uuid)!;
        if (now.state !== 'Running' || prev.state !== 'Running') continue;
        pairs++;
        for (const key of CPU_KEYS) expect(now.processor[key]! >= prev.processor[key]!, key).toBe(true);
        const d = (key: (typeof CPU_KEYS)[number]): number =>
          (now.processor[key] as number) - (prev.processor[key] as number);
        expect(d('entitledProcCycles')).toBe(Math.round(now.processor.maxProcUnits * 512e6 * 30));
        expect(d('utilizedCappedProcCycles')).toBeLessThanOrEqual(d('entitledProcCycles'));
        const locations = new Map(prev.network!.virtualEthernetAdapters.map((v) => [v.physicalLocation, v]));
        for (const vea of now.network!.virtualEthernetAdapters) {
          expect(vea.receivedBytes).toBeGreaterThanOrEqual(
            locations.get(vea.physicalLocation)!.receivedBytes,
          );
          expect(vea.sentBytes).toBeGreaterThan(locations.get(vea.physicalLocation)!.sentBytes);
        }
      }
    }
    expect(pairs).toBeGreaterThan(59 * 5);
    const [prev, now] = samples.slice(-2).map((s) => s.phyp.systemUtil.utilSample.lparsUtil[0]!);
    const delta = (key: (typeof CPU_KEYS)[number]): number =>
      (now!.processor[key] as number) - (prev!.processor[key] as number);
    const util =
      (delta('utilizedCappedProcCycles') +
        delta('utilizedUnCappedProcCycles') -
        delta('idleProcCycles') -
        delta('donatedProcCycles')) /
      delta('entitledProcCycles');
    expect(now!.name).toBe('db01');
    expect(util).toBeGreaterThan(1);
    const rates = samples
      .slice(-2)
      .map((s) => s.phyp.systemUtil.utilSample.lparsUtil.map((l) => l.processor.utilizedCappedProcCycles));
    const perLpar = rates[1]!.map((v, i) => v - rates[0]![i]!);
    expect(new Set(perLpar.filter((d) => d > 0)).size).toBeGreaterThan(3);
  });

  it('an LPAR reboots: Running, Not Activated without network or storage and zero counters, Running from zero', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const samples = await window(c);
    const states = samples.map((s) =>
      s.phyp.systemUtil.utilSample.lparsUtil.find((l) => l.name === 'app01')!,
    );
    const down = states.findIndex(
      (l, i) => i > 0 && l.state === 'Not Activated' && states[i - 1]!.state === 'Running',
    );
    const up = states.findIndex((l, i) => i > down && l.state === 'Running');
    expect(down).toBeGreaterThan(0);
    expect(up).toBeGreaterThan(down);
    const [before, inactive, after] = [states[down - 1]!, states[down]!, states[up]!];
    expect(inactive.network).toBeUndefined();
    expect(inactive.storage).toBeUndefined();
    for (const key of CPU_KEYS) expect(inactive.processor[key]).toBe(0);
    expect(after.processor.entitledProcCycles).toBeLessThan(before.processor.entitledProcCycles);
    expect(after.processor.entitledProcCycles).toBeGreaterThan(0);
    expect(after.network!.virtualEthernetAdapters[0]!.receivedBytes).toBeLessThan(
      before.network!.virtualEthernetAdapters[0]!.receivedBytes,
    );
    // Meanwhile the VIOS-side counters of its disks keep growing: the VIOS did not reboot.
    const slot = before.storage!.genericVirtualAdapters[0]!;
    const vhost = (i: number): IoAdapter =>
      (
        JSON.parse(samples[i]!.vios.get(`vios_${slot.viosId}`)!) as Vios
      ).systemUtil.utilSample.viosUtil[0]!.storage.genericVirtualAdapters.find((a) =>
        a.physicalLocation.endsWith(`-C${slot.viosAdapterSlotId}`),
      )!;
    expect(vhost(up).numOfReads).toBeGreaterThan(vhost(down - 1).numOfReads);
    expect(vhost(down + 1).numOfReads).toBe(vhost(down).numOfReads);
  });

  it('a never-started LPAR has zero counters and no network or storage keys', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const { phyp } = (await window(c)).at(-1)!;
    const off = phyp.systemUtil.utilSample.lparsUtil.filter((l) => l.state === 'Not Activated');
    expect(off.map((l) => l.name)).toContain('mq01');
    for (const lpar of off) {
      expect(Object.keys(lpar)).not.toContain('network');
      expect(Object.keys(lpar)).not.toContain('storage');
      expect(lpar.processor.entitledProcCycles).toBe(0);
    }
  });
});
