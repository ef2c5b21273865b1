import { describe, expect, it } from 'vitest';
import { window, type IoAdapter, type Phyp, type Vios } from './pcm-shapes.js';
import { useSimulators } from './sim-client.js';

const start = useSimulators();
const T0 = Date.parse('2026-03-01T12:00:10Z');

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
