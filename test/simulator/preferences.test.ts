import { describe, expect, it } from 'vitest';
import {
  errorMessage,
  FakeClock,
  parseLtmFeed,
  texts,
  useSimulators,
  type SimSession,
} from './sim-client.js';

const start = useSimulators();
const PCM_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/pcm/mc/2012_10/';

async function readPreferences(c: SimSession): Promise<{ etag: string; xml: string; element: string }> {
  const response = await c.request(`pcm/ManagedSystem/${c.system.uuid}/preferences?group=None`);
  const xml = await response.text();
  expect(response.status).toBe(200);
  const element =
    /<ManagedSystemPcmPreference:ManagedSystemPcmPreference[\s\S]*<\/ManagedSystemPcmPreference:ManagedSystemPcmPreference>/.exec(
      xml,
    )?.[0];
  return { etag: response.headers.get('etag') ?? '', xml, element: element ?? '' };
}

/** What pypowervm's ensure_ltm_monitors does: flip flags in the element and POST it back alone. */
function withFlags(element: string, flags: Record<string, boolean>): string {
  return Object.entries(flags).reduce(
    (xml, [name, value]) =>
      xml.replace(new RegExp(`(<${name}[^>]*>)(true|false)(</${name}>)`), `$1${value}$3`),
    element,
  );
}

function post(c: SimSession, body: string, headers: Record<string, string>): Promise<Response> {
  return c.request(`pcm/ManagedSystem/${c.system.uuid}/preferences?group=None`, {
    method: 'POST',
    headers: { Accept: 'application/atom+xml; charset=UTF-8', ...headers },
    body,
  });
}

describe('PCM preferences', () => {
  it('are a feed of one ManagedSystemPcmPreference with an HTTP ETag', async () => {
    const c = await (await start({ ltmEnabled: false })).logon();
    const { etag, xml, element } = await readPreferences(c);
    expect(etag).toMatch(/^-?\d+$/);
    expect(xml).toMatch(/<title type="text">Performance and Capacity Monitoring Preferences<\/title>/);
    expect(element).toContain(`xmlns:ManagedSystemPcmPreference="${PCM_NS}" xmlns="${PCM_NS}"`);
    expect(texts(element, 'AtomID')).toEqual([c.system.uuid]);
    expect(texts(element, 'SystemName')).toEqual([c.system.name]);
    expect(texts(element, 'LongTermMonitorEnabled')).toEqual(['false']);
    expect(texts(element, 'ComputeLTMEnabled')).toEqual(['false']);
    const [type, model, serial] = [
      texts(element, 'MachineType'),
      texts(element, 'Model'),
      texts(element, 'SerialNumber'),
    ];
    expect(`${type[0]}-${model[0]}*${serial[0]}`).toBe(c.system.mtms);
  });

  it('refuse every change by a viewer (hmcviewer) with 403, which reads them all the same, and count the attempts', async () => {
    const sim = await start({
      ltmEnabled: false,
      users: { viewer: { password: 'v', role: 'viewer' }, admin: 'a' },
    });
    const viewer = await sim.logon('viewer', 'v');
    const { etag, element } = await readPreferences(viewer);
    const update = withFlags(element, { LongTermMonitorEnabled: true });
    const headers = { 'Content-Type': 'application/xml', 'If-Match': etag };
    const refused = await post(viewer, update, headers);
    expect(refused.status).toBe(403);
    expect(errorMessage(await refused.text()).message).toMatch(/does not have the authority to perform POST/);
    expect(texts((await readPreferences(viewer)).element, 'LongTermMonitorEnabled')).toEqual(['false']);
    expect(sim.sim.writeAttempts()).toBe(1);
    // A bare password is an admin, as before roles existed: its change goes through.
    const admin = await (await start({ ltmEnabled: false, users: { admin: 'a' } })).logon('admin', 'a');
    const fresh = await readPreferences(admin);
    expect(
      (
        await post(admin, withFlags(fresh.element, { LongTermMonitorEnabled: true }), {
          ...headers,
          'If-Match': fresh.etag,
        })
      ).status,
    ).toBe(200);
    expect(admin.sim.writeAttempts()).toBe(1);
  });

  it('refuse a stale or missing If-Match with 412 and a wrong content type with 415', async () => {
    const c = await (await start({ ltmEnabled: false })).logon();
    const { etag, element } = await readPreferences(c);
    const body = withFlags(element, { LongTermMonitorEnabled: true });
    expect((await post(c, body, { 'Content-Type': 'application/xml', 'If-Match': `${etag}1` })).status).toBe(
      412,
    );
    expect((await post(c, body, { 'Content-Type': 'application/xml' })).status).toBe(412);
    expect((await post(c, body, { 'Content-Type': 'text/plain', 'If-Match': etag })).status).toBe(415);
    expect(texts((await readPreferences(c)).element, 'LongTermMonitorEnabled')).toEqual(['false']);
    const ok = await post(c, body, { 'Content-Type': 'application/xml', 'If-Match': etag });
    expect(ok.status).toBe(200);
    const after = await readPreferences(c);
    expect(after.etag).not.toBe(etag);
    expect(texts(after.element, 'LongTermMonitorEnabled')).toEqual(['true']);
    // The old ETag is now stale, even for an identical update.
    expect((await post(c, body, { 'Content-Type': 'application/xml', 'If-Match': etag })).status).toBe(412);
  });

  it('cannot be read or written as the individual entry', async () => {
    const c = await (await start()).logon();
    const entryId = texts((await readPreferences(c)).xml, 'id')[1];
    const path = `pcm/ManagedSystem/${c.system.uuid}/preferences/${entryId}`;
    expect((await c.request(path)).status).toBe(400);
    expect((await c.request(path, { method: 'POST', body: '<x/>' })).status).toBe(400);
  });

  it('switching LTM on: 403 before, 204 until the next sample boundary, then entries', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T12:00:10Z'));
    const c = await (await start({ ltmEnabled: false, clock: clock.read })).logon();
    const feedPath = `pcm/ManagedSystem/${c.system.uuid}/RawMetrics/LongTermMonitor`;
    const off = await c.request(feedPath);
    expect(off.status).toBe(403);
    expect(errorMessage(await off.text()).message).toMatch(/long term monitoring is not enabled/i);

    const { etag, element } = await readPreferences(c);
    const body = withFlags(element, { LongTermMonitorEnabled: true, ComputeLTMEnabled: false });
    expect((await post(c, body, { 'Content-Type': 'application/xml', 'If-Match': etag })).status).toBe(200);
    expect((await c.request(feedPath)).status).toBe(204);
    clock.advance(15);
    expect((await c.request(feedPath)).status).toBe(204);
    clock.advance(5); // 12:00:30
    const entries = parseLtmFeed(await c.text(feedPath));
    expect(entries.map((e) => e.category).sort()).toEqual(['phyp', 'vios_1', 'vios_2']);
    expect(new Set(entries.map((e) => e.updated))).toEqual(new Set(['2026-03-01T12:00:30.000Z']));
  });

  it('compute-only LTM drops network and storage from later phyp samples only', async () => {
    const clock = new FakeClock(Date.parse('2026-03-01T12:00:10Z'));
    const c = await (await start({ clock: clock.read })).logon();
    const { etag, element } = await readPreferences(c);
    const body = withFlags(element, { LongTermMonitorEnabled: true, ComputeLTMEnabled: true });
    expect((await post(c, body, { 'Content-Type': 'application/xml', 'If-Match': etag })).status).toBe(200);
    clock.advance(30);
    const [current, previous] = await c.latestPhyp(2);
    expect(current!.entry.updated).toBe('2026-03-01T12:00:30.000Z');
    expect(current!.text).not.toMatch(/"network"|"storage"/);
    expect(previous!.text).toMatch(/"network"/);
    expect(previous!.text).toMatch(/"storage"/);
  });
});
