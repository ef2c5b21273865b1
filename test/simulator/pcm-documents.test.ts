import { describe, expect, it } from 'vitest';
import { useSimulators, type LtmEntry, type SimSession } from './sim-client.js';

const start = useSimulators();
const T0 = Date.parse('2026-03-01T12:00:10Z');

interface Processor {
  poolId?: number;
  mode: string;
  maxProcUnits: number;
  entitledProcCycles: number;
  utilizedCappedProcCycles: number;
  utilizedUnCappedProcCycles: number;
  idleProcCycles: number;
  donatedProcCycles: number;
  [key: string]: number | string | undefined;
}
interface Vea {
  physicalLocation: string;
  receivedBytes: number;
  sentBytes: number;
  [key: string]: number | string | boolean;
}
interface Lpar {
  id: number;
  uuid: string;
  name: string;
  state: string;
  memory: { logicalMem: number; backedPhysicalMem: number };
  processor: Processor;
  network?: { virtualEthernetAdapters: Vea[] };
  storage?: {
    genericVirtualAdapters: Array<{ physicalLocation: string; viosId: number; viosAdapterSlotId: number }>;
    virtualFiberChannelAdapters?: Array<{ viosId: number }>;
  };
}
interface Phyp {
  systemUtil: {
    utilInfo: Record<string, string>;
    utilSample: Record<string, unknown> & {
      lparsUtil: Lpar[];
      viosUtil: Array<{ id: number; processor: Processor }>;
    };
  };
}
interface IoAdapter {
  id: string;
  physicalLocation: string;
  numOfReads: number;
  numOfWrites: number;
  readBytes: number;
  writeBytes: number;
  wwpn?: string;
  ports?: IoAdapter[];
}
interface Vios {
  systemUtil: {
    utilSample: {
      viosUtil: Array<{
        id: string;
        storage: { genericVirtualAdapters: IoAdapter[]; fiberChannelAdapters: IoAdapter[] };
        network: { sharedAdapters: Array<{ bridgedAdapters: string[] }> };
      }>;
    };
  };
}

/** Every phyp sample of the window, oldest first, with the vios files of the same instant. */
async function window(
  c: SimSession,
): Promise<Array<{ entry: LtmEntry; phyp: Phyp; text: string; vios: Map<string, string> }>> {
  const entries = await c.ltmFeed();
  const phyp = entries.filter((e) => e.category === 'phyp').sort((a, b) => a.time - b.time);
  return Promise.all(
    phyp.map(async (entry) => {
      const text = await c.text(entry.href);
      const vios = new Map<string, string>();
      for (const v of entries.filter((e) => e.category.startsWith('vios_') && e.updated === entry.updated)) {
        vios.set(v.category, await c.text(`${v.href}?group=None`));
      }
      return { entry, phyp: JSON.parse(text) as Phyp, text, vios };
    }),
  );
}

const CPU_KEYS = [
  'entitledProcCycles',
  'utilizedCappedProcCycles',
  'utilizedUnCappedProcCycles',
  'idleProcCycles',
  'donatedProcCycles',
  'timeSpentWaitingForDispatch',
  'totalInstructions',
  'totalInstructionsExecutionTime',
] as const;

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

describe('vios files and the storage join', () => {
  it('give ids as strings; both VIOSes number their own vhosts from 0; every vSCSI pointer finds its vhost', async () => {
    const c = await (await start({ clock: () => T0, vios: 2 })).logon();
    const [latest] = (await window(c)).slice(-1);
    const vios = new Map(
      [...latest!.vios].map(([category, text]) => [
        category,
        (JSON.parse(text) as Vios).systemUtil.utilSample.viosUtil[0]!,
      ]),
    );
    expect([...vios.values()].map((v) => v.id)).toEqual(['1', '2']);
    const names = [...vios.values()].map((v) => v.storage.genericVirtualAdapters.map((a) => a.id));
    expect(names[0]).toContain('vhost0');
    expect(names[1]).toContain('vhost0');
    const prefix = `U${c.system.mtms.replace('-', '.').replace('*', '.')}`;
    let pointers = 0;
    for (const lpar of latest!.phyp.systemUtil.utilSample.lparsUtil.filter((l) => l.storage)) {
      for (const pointer of lpar.storage!.genericVirtualAdapters) {
        pointers++;
        expect(pointer.physicalLocation).toMatch(
          new RegExp(`^${prefix.replaceAll('.', '\\.')}-V${lpar.id}-C\\d+$`),
        );
        const matches = vios
          .get(`vios_${pointer.viosId}`)!
          .storage.genericVirtualAdapters.filter((a) =>
            a.physicalLocation.endsWith(`-C${pointer.viosAdapterSlotId}`),
          );
        expect(matches.map((a) => a.physicalLocation)).toEqual([
          `${prefix}-V${pointer.viosId}-C${pointer.viosAdapterSlotId}`,
        ]);
      }
    }
    expect(pointers).toBeGreaterThan(8);
    expect(vios.get('vios_1')!.network.sharedAdapters[0]!.bridgedAdapters).toEqual(['ent0', 'ent4']);
  });

  it("write WWPN pairs as bare 64-bit integers that match the VIOS ports' zero-padded hex", async () => {
    const c = await (await start({ clock: () => T0, lpars: 8, vios: 2 })).logon();
    const [latest] = (await window(c)).slice(-1);
    const pairs = [...latest!.text.matchAll(/"(wwpnpair|wwpnPair)": \[\s*(\d+),\s*(\d+)\s*\]/g)];
    expect(new Set(pairs.map((m) => m[1]))).toEqual(new Set(['wwpnpair', 'wwpnPair']));
    const viosIds = [...latest!.text.matchAll(/"viosId": (\d+),\s*"wwpn[pP]air"/g)].map((m) => m[1]);
    expect(viosIds).toHaveLength(pairs.length);
    pairs.forEach((m, i) => {
      const [first, second] = [BigInt(m[2]!), BigInt(m[3]!)];
      expect(first > 2n ** 63n).toBe(true);
      expect(second).toBe(first + 1n);
      // JSON.parse would lose these: the text must be exact.
      expect(String(Number(m[2]))).not.toBe(m[2]);
      const vios = (JSON.parse(latest!.vios.get(`vios_${viosIds[i]}`)!) as Vios).systemUtil.utilSample
        .viosUtil[0]!;
      const ports = vios.storage.fiberChannelAdapters.flatMap((f) => f.ports ?? []);
      expect(ports.map((p) => p.wwpn)).toContain(first.toString(16).padStart(16, '0'));
    });
    const vios = (JSON.parse(latest!.vios.get('vios_1')!) as Vios).systemUtil.utilSample.viosUtil[0]!;
    for (const fcs of vios.storage.fiberChannelAdapters) expect(fcs.wwpn).toMatch(/^[0-9a-f]{16}$/);
  });

  it('sums the vhost and NPIV port counters into the cabled FC port', async () => {
    const c = await (await start({ clock: () => T0, lpars: 12, vios: 1 })).logon();
    const [latest] = (await window(c)).slice(-1);
    const vios = (JSON.parse(latest!.vios.get('vios_1')!) as Vios).systemUtil.utilSample.viosUtil[0]!;
    const [fcs0] = vios.storage.fiberChannelAdapters;
    const sum = (list: IoAdapter[], key: 'numOfReads' | 'writeBytes'): number =>
      list.reduce((n, a) => n + a[key], 0);
    expect(fcs0!.numOfReads).toBe(
      sum(vios.storage.genericVirtualAdapters, 'numOfReads') + sum(fcs0!.ports ?? [], 'numOfReads'),
    );
    expect(fcs0!.writeBytes).toBe(
      sum(vios.storage.genericVirtualAdapters, 'writeBytes') + sum(fcs0!.ports ?? [], 'writeBytes'),
    );
  });
});

describe('lpar files', () => {
  it('hold RMC memory for running LPARs, 6001 for stopped ones and 6003 where RMC is down', async () => {
    const c = await (await start({ clock: () => T0, lpars: 8 })).logon();
    const entries = await c.ltmFeed();
    const lpar = entries.filter((e) => e.category === 'lpar').sort((a, b) => b.time - a.time)[0]!;
    expect(lpar.updated).toBe('2026-03-01T12:00:00.000Z');
    const phyp = entries.find((e) => e.category === 'phyp' && e.updated === lpar.updated)!;
    const lpars = (JSON.parse(await c.text(phyp.href)) as Phyp).systemUtil.utilSample.lparsUtil;
    const doc = JSON.parse(await c.text(lpar.href)) as {
      lparUtil: Array<{
        uuid: string;
        id: string;
        name: string;
        timeStamp: string | null;
        errorInfo?: { errorId: string };
        memory?: Record<string, number>;
      }>;
    };
    expect(doc.lparUtil.map((e) => e.uuid)).toEqual(lpars.map((l) => l.uuid));
    expect(doc.lparUtil.map((e) => e.id)).toEqual(lpars.map((l) => String(l.id)));
    const errors = doc.lparUtil.filter((e) => e.errorInfo).map((e) => e.errorInfo!.errorId);
    expect(errors.filter((id) => id === '6003')).toHaveLength(1);
    expect(errors.filter((id) => id === '6001')).toHaveLength(
      lpars.filter((l) => l.state !== 'Running').length,
    );
    for (const entry of doc.lparUtil.filter((e) => e.errorInfo)) {
      expect(entry.timeStamp).toBeNull();
      expect(entry.memory).toBeUndefined();
    }
    for (const entry of doc.lparUtil.filter((e) => !e.errorInfo)) {
      const logical = lpars.find((l) => l.uuid === entry.uuid)!.memory.logicalMem;
      expect(entry.timeStamp).toBe('20260301T120000+0000');
      expect(Object.keys(entry.memory!)).toEqual([
        'pctRealMemAvbl',
        'totalPgSpSizeCount',
        'totalPgSpFreeCount',
        'vmActivePgCount',
        'realMemSizeBytes',
        'pctRealMemFree',
        'vmPgInRate',
        'vmPgOutRate',
        'vmPgSpInRate',
        'vmPgSpOutRate',
      ]);
      expect(entry.memory!.realMemSizeBytes).toBe(logical * 1024 * 1024);
      expect(entry.memory!.pctRealMemFree).toBeLessThanOrEqual(entry.memory!.pctRealMemAvbl!);
      expect(entry.memory!.vmActivePgCount).toBeLessThan(logical * 256);
      expect(entry.memory!.totalPgSpFreeCount).toBeLessThanOrEqual(entry.memory!.totalPgSpSizeCount!);
    }
  });
});

describe('determinism', () => {
  it('the same seed and time give the same estate and data; another seed does not', async () => {
    const fetchAll = async (seed: number): Promise<string[]> => {
      const c = await (await start({ clock: () => T0, seed })).logon();
      const text = await c.newestPhyp();
      return [c.system.uuid, c.system.name, text];
    };
    const [a, b, other] = await Promise.all([fetchAll(42), fetchAll(42), fetchAll(43)]);
    expect(b).toEqual(a);
    expect(other![0]).not.toBe(a![0]);
    expect(other![2]).not.toBe(a![2]);
  });
});
