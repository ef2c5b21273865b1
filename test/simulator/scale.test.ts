import { describe, expect, it } from 'vitest';
import { useSimulators } from './sim-client.js';

const start = useSimulators();

describe('scale', () => {
  it('10 systems x 1,000 LPARs start quickly and serve a feed and the newest files', async () => {
    const began = performance.now();
    const c = await (
      await start({ systems: 10, lpars: 1000, clock: () => Date.parse('2026-03-01T12:00:10Z') })
    ).logon();
    const started = performance.now();
    const last = c.sim.systems[9]!;
    const entries = await c.ltmFeed(last.uuid);
    expect(entries).toHaveLength(195);
    const newest = entries.filter((e) => e.updated === '2026-03-01T12:00:00.000Z');
    const texts = await Promise.all(newest.map((e) => c.text(e.href)));
    const phyp = JSON.parse(texts[newest.findIndex((e) => e.category === 'phyp')]!) as {
      systemUtil: { utilSample: { lparsUtil: unknown[] } };
    };
    expect(phyp.systemUtil.utilSample.lparsUtil).toHaveLength(1000);
    const served = performance.now();
    // Cached on the second read.
    await c.text(newest[0]!.href);
    expect(performance.now() - served).toBeLessThan(1000);
    expect(started - began).toBeLessThan(5000);
    expect(served - started).toBeLessThan(10000);
  });
});
