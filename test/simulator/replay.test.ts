import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureBody, FIXTURES } from '../support/fixtures.js';
import { texts, useSimulators } from './sim-client.js';

const start = useSimulators();
const T0 = Date.parse('2026-03-01T12:00:10Z');
const fixture = (name: string): string => path.join(FIXTURES, name);

describe('replay mode', () => {
  it('serves the phyp captures as consecutive samples in the order given, byte for byte', async () => {
    const replay = ['phyp_pcm_data3.txt', 'phyp_pcm_data2.txt', 'vios_pcm_data.txt', 'lpar_pcm_data.txt'].map(
      fixture,
    );
    const c = await (await start({ clock: () => T0, replay })).logon();
    expect(c.sim.systems).toHaveLength(1);
    expect(c.system).toMatchObject({ name: 'dev-4', mtms: '8247-22L*2125D4A' });
    const entries = await c.ltmFeed();
    expect(entries.map((e) => `${e.category}@${e.updated}`).sort()).toEqual([
      'lpar@2026-03-01T11:59:30.000Z',
      'lpar@2026-03-01T12:00:00.000Z',
      'phyp@2026-03-01T11:59:30.000Z',
      'phyp@2026-03-01T12:00:00.000Z',
      'vios_1@2026-03-01T11:59:30.000Z',
      'vios_1@2026-03-01T12:00:00.000Z',
    ]);
    const [current, previous] = await c.latestPhyp(2);
    expect(current!.text).toBe(fixtureBody('phyp_pcm_data2.txt'));
    expect(previous!.text).toBe(fixtureBody('phyp_pcm_data3.txt'));
    for (const entry of entries.filter((e) => e.category !== 'phyp')) {
      const name = entry.category === 'lpar' ? 'lpar_pcm_data.txt' : 'vios_pcm_data.txt';
      expect(await c.text(`${entry.href}?group=None`)).toBe(fixtureBody(name));
    }
  });

  it('keeps 64-bit WWPNs verbatim and synthesises CNAs from the VEA locations', async () => {
    const c = await (await start({ clock: () => T0, replay: [fixture('phyp_pcm_data.txt')] })).logon();
    const [latest] = await c.latestPhyp(1);
    expect(latest!.text).toContain('13857705835384867080,\n                        13857705835384867081');
    expect(latest!.text).toContain('"wwpnPair": [');
    const xml = await c.text('uom/ManagedSystem');
    expect(texts(xml, 'SystemName')).toEqual(['dev-4']);
    expect(texts(xml, 'ConfigurableSystemProcessorUnits')).toEqual(['20']);
    const cnas = await c.text(
      'uom/LogicalPartition/42ad4fd4-dc64-4935-9e29-9b7c6f35afcc/ClientNetworkAdapter',
    );
    expect(texts(cnas, 'LocationCode')).toEqual(['U8247.22L.2125D4A-V2-C2']);
    expect(texts(cnas, 'MACAddress')[0]).toMatch(/^[0-9A-F]{12}$/);
    expect(texts(cnas, 'PortVLANID')).toEqual(['2227']);
    const none = await c.request(
      'uom/LogicalPartition/2545BCC5-BAE8-4414-AD49-EAFC2DEE2546/ClientNetworkAdapter',
    );
    expect(none.status).toBe(204);
    const lpars = await c.text('uom/LogicalPartition');
    expect(texts(lpars, 'PartitionName')).toContain('Ubuntu1410');
    expect(texts(lpars, 'PartitionState')).toContain('open firmware');
  });

  it('matches vios files to phyp files by position when there are as many, and reads raw JSON files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-replay-'));
    const sparse = path.join(dir, 'vios-sparse.json');
    const rawText = `${fixtureBody('vios_pcm_data_sparse.txt')}\n\n`;
    writeFileSync(sparse, rawText);
    const replay = [
      fixture('vios_pcm_data.txt'),
      fixture('phyp_pcm_data3.txt'),
      sparse,
      fixture('phyp_pcm_data2.txt'),
    ];
    const c = await (await start({ clock: () => T0, replay })).logon();
    const entries = await c.ltmFeed();
    const vios = entries.filter((e) => e.category === 'vios_1').sort((a, b) => a.time - b.time);
    expect(await c.text(vios[0]!.href)).toBe(fixtureBody('vios_pcm_data.txt'));
    expect(await c.text(vios[1]!.href)).toBe(rawText);
    expect(entries.some((e) => e.category === 'lpar')).toBe(false);
  });

  it('refuses files that are not PCM documents, and a replay without phyp', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-replay-'));
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    await expect(start({ replay: [junk] })).rejects.toThrow(/neither a phyp, vios nor lpar/);
    await expect(start({ replay: [fixture('logon.xml')] })).rejects.toThrow(/not a JSON PCM document/);
    await expect(start({ replay: [fixture('vios_pcm_data.txt')] })).rejects.toThrow(/at least one phyp/);
  });
});
