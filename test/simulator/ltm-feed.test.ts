import { describe, expect, it } from 'vitest';
import { errorMessage, FakeClock, parseXml, useSimulators } from './sim-client.js';

const start = useSimulators();
const T0 = Date.parse('2026-03-01T12:00:10Z');

describe('LongTermMonitor feed', () => {
  it('holds a full retention window at start-up: per 30 s one phyp and one file per VIOS, lpar every 2 min', async () => {
    const c = await (await start({ clock: () => T0, vios: 2 })).logon();
    const entries = await c.ltmFeed();
    const count = (category: string): number => entries.filter((e) => e.category === category).length;
    expect(count('phyp')).toBe(60);
    expect(count('vios_1')).toBe(60);
    expect(count('vios_2')).toBe(60);
    expect(count('lpar')).toBe(15);
    expect(entries).toHaveLength(195);
    const phypTimes = entries
      .filter((e) => e.category === 'phyp')
      .map((e) => e.time)
      .sort((a, b) => a - b);
    expect(phypTimes[59]).toBe(Date.parse('2026-03-01T12:00:00Z'));
    expect(phypTimes[0]).toBe(Date.parse('2026-03-01T11:30:30Z'));
    expect(phypTimes.every((t, i) => i === 0 || t - phypTimes[i - 1]! === 30_000)).toBe(true);
  });

  it('gives the phyp and vios files of one instant the identical updated string, with milliseconds', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const entries = await c.ltmFeed();
    for (const phyp of entries.filter((e) => e.category === 'phyp')) {
      expect(phyp.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:(00|30)\.000Z$/);
      const vios = entries.filter((e) => e.category.startsWith('vios_') && e.updated === phyp.updated);
      expect(vios.map((e) => e.category).sort()).toEqual(['vios_1', 'vios_2']);
    }
  });

  it('is not sorted, yet the same on every request', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const first = await c.ltmFeed();
    const times = first.map((e) => e.time);
    expect(times).not.toEqual([...times].sort((a, b) => a - b));
    expect(times).not.toEqual([...times].sort((a, b) => b - a));
    expect((await c.ltmFeed()).map((e) => e.id)).toEqual(first.map((e) => e.id));
  });

  it('has the feed and entry shape of ltm_feed2.txt', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const { uuid, mtms } = c.system;
    const feedUrl = `${c.sim.url}/rest/api/pcm/ManagedSystem/${uuid}/RawMetrics/LongTermMonitor`;
    const xml = await c.text(feedUrl);
    const feed = parseXml(xml).feed as Record<string, Record<string, string>>;
    expect(feed.id).toBe(uuid);
    expect(feed.updated).toBe('2026-03-01T12:00:00.000Z');
    expect(feed.title!['#text']).toBe('LongTermMetrics');
    expect(feed.subtitle!['#text']).toBe(`ManagedSystem ${uuid}`);
    expect(xml).toContain(`<link rel="self" href="${feedUrl}"/>`);
    expect(xml).toContain('<generator uri="IBM Power Systems Management Console" version="1"/>');
    expect(xml).toContain('<author>\n            <name>IBM Power Systems Management Console</name>');
    for (const entry of await c.ltmFeed()) {
      const stamp = entry.updated.replace(/[-:]/g, '').replace(/\.000Z$/, '+0000');
      const name = `LTM_${mtms}_${entry.category}_${stamp}.json`;
      expect(name).toContain('*');
      expect(entry.title).toBe(name);
      expect(entry.href).toBe(`${feedUrl}/${name}`);
      expect(entry.linkRel).toBeUndefined();
      expect(entry.linkType).toBe('application/vnd.ibm.powervm.pcm.json');
      expect(entry.published).toBe(entry.updated);
      expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(xml).toContain('<category term="phyp"/>');
  });

  it('slides with the clock: new samples on each boundary, old files expire to 404', async () => {
    const clock = new FakeClock(T0);
    const c = await (await start({ clock: clock.read })).logon();
    const before = await c.ltmFeed();
    const oldest = before.filter((e) => e.category === 'phyp').sort((a, b) => a.time - b.time)[0]!;
    expect((await c.request(oldest.href)).status).toBe(200);
    clock.advance(19);
    expect((await c.ltmFeed()).map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    clock.advance(1); // 12:00:30
    const after = await c.ltmFeed();
    expect(after.filter((e) => e.category === 'phyp')).toHaveLength(60);
    expect(Math.max(...after.map((e) => e.time))).toBe(Date.parse('2026-03-01T12:00:30Z'));
    expect(after.some((e) => e.id === oldest.id)).toBe(false);
    const gone = await c.request(oldest.href);
    expect(gone.status).toBe(404);
    expect(errorMessage(await gone.text()).status).toBe('404');
  });

  it('honours retentionMinutes and sampleIntervalSeconds', async () => {
    const c = await (
      await start({ clock: () => T0, retentionMinutes: 5, sampleIntervalSeconds: 60, vios: 1 })
    ).logon();
    const entries = await c.ltmFeed();
    expect(
      entries
        .filter((e) => e.category === 'phyp')
        .map((e) => e.updated)
        .sort(),
    ).toEqual([
      '2026-03-01T11:56:00.000Z',
      '2026-03-01T11:57:00.000Z',
      '2026-03-01T11:58:00.000Z',
      '2026-03-01T11:59:00.000Z',
      '2026-03-01T12:00:00.000Z',
    ]);
    expect(entries.filter((e) => e.category === 'vios_1')).toHaveLength(5);
  });
});

describe('LTM files', () => {
  it('serve JSON at the link path, with * and + verbatim or percent-encoded, tolerating ?group=None', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const entries = await c.ltmFeed();
    const vios = entries.find((e) => e.category === 'vios_1')!;
    const plain = await c.request(`${vios.href}?group=None`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    const text = await plain.text();
    const encoded = vios.href.replace('*', '%2A').replace('+', '%2B');
    expect(encoded).not.toBe(vios.href);
    expect(await c.text(encoded)).toBe(text);
    const lower = vios.href.replace('*', '%2a').replace('+', '%2b');
    expect(await c.text(lower)).toBe(text);
  });

  it('404 for files that never existed, for a wrong MTMS and off-boundary times', async () => {
    const c = await (await start({ clock: () => T0 })).logon();
    const base = `pcm/ManagedSystem/${c.system.uuid}/RawMetrics/LongTermMonitor`;
    for (const name of [
      `LTM_${c.system.mtms}_phyp_20260301T120015+0000.json`,
      `LTM_${c.system.mtms}_phyp_20260301T120100+0000.json`,
      `LTM_${c.system.mtms}_vios_3_20260301T120000+0000.json`,
      `LTM_${c.system.mtms}_lpar_20260301T115930+0000.json`,
      'LTM_1234-56X*0000000_phyp_20260301T120000+0000.json',
      'nonsense.json',
    ]) {
      expect((await c.request(`${base}/${name}`)).status, name).toBe(404);
    }
    expect((await c.request(`${base}/LTM_${c.system.mtms}_phyp_20260301T120000+0000.json`)).status).toBe(200);
  });

  it('403 for files too while long-term monitoring is off', async () => {
    const c = await (await start({ clock: () => T0, ltmEnabled: false })).logon();
    const base = `pcm/ManagedSystem/${c.system.uuid}/RawMetrics/LongTermMonitor`;
    expect((await c.request(`${base}/LTM_${c.system.mtms}_phyp_20260301T120000+0000.json`)).status).toBe(403);
  });
});
