/** The product's client and inspector against the simulator, over real HTTP(S) on 127.0.0.1. */
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLongTermMonitor } from '../../src/collector/index.js';
import { inspect } from '../../src/inspector/index.js';
import { PowerVmClient, SystemSampler, type ConsoleConnection } from '../../src/powervm/index.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { caught } from '../support/caught.js';
import { FIXTURES } from '../support/fixtures.js';
import { selfSignedCertificate } from '../support/tls.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function connect(options: SimulatorOptions = {}, connection: Partial<ConsoleConnection> = {}) {
  sim = await startSimulator({ users: { monitor: 'pw0rd' }, ...options });
  const codes: string[] = [];
  const client = new PowerVmClient({
    name: 'sim',
    url: sim.url,
    user: 'monitor',
    password: 'pw0rd',
    onRequest: (code) => codes.push(code),
    ...connection,
  });
  return { sim, client, codes };
}

describe('client ↔ simulator', () => {
  it('discovers every system and turns two LTM samples into readings for every LPAR', async () => {
    const { client } = await connect({ systems: 2, lpars: 6, vios: 2, seed: 7 });
    const systems = await client.listSystems();
    expect(systems.map((s) => s.uuid).sort()).toEqual(sim!.systems.map((s) => s.uuid).sort());
    for (const system of systems) {
      await ensureLongTermMonitor(client, system, await client.pcmPreferences(system), false);
      const [current, previous] = await new SystemSampler(client, system).latest(2);
      expect(current!.time - previous!.time).toBe(30_000);
      expect(current!.vios.map((v) => v.id).sort()).toEqual([1, 2]);
      const readings = inspect(current!, previous);
      expect(readings.lpars).toHaveLength(6);
      expect(readings.system.interval).toBe(30);
      expect(readings.vioses.map((v) => v.has_io_data)).toEqual([true, true]);
      const running = readings.lpars.filter((l) => l.state === 'Running');
      expect(running.length).toBeGreaterThan(0);
      expect(running.some((l) => (l.cpu_util ?? 0) > 0)).toBe(true);
      const vnics = running.flatMap((l) => l.vnics);
      expect(vnics.length).toBeGreaterThan(0);
      for (const vnic of vnics) expect(vnic.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      const disks = running.flatMap((l) => l.disks);
      expect(disks.length).toBeGreaterThan(0);
      for (const lpar of running)
        expect(new Set(lpar.disks.map((d) => d.device)).size).toBe(lpar.disks.length);
      expect(readings.issues.filter((i) => i.problem === 'missing')).toEqual([]);
    }
  });

  it('a console restart (all sessions invalid): the next call logs on again by itself', async () => {
    const { client, codes } = await connect();
    await client.listSystems();
    sim!.invalidateSessions();
    expect(await client.listSystems()).toHaveLength(1);
    expect(codes.filter((c) => c === '401')).toHaveLength(1);
  });

  it('a wrong password is refused with an auth error', async () => {
    const { client } = await connect({}, { password: 'nope' });
    expect((await caught(client.listSystems())).kind).toBe('auth');
  });

  it('LTM off: reported, never changed without the opt-in; with it, switched on and samples follow', async () => {
    let now = Date.parse('2026-01-01T00:00:10Z');
    const { client } = await connect({ ltmEnabled: false, clock: () => now });
    const [system] = await client.listSystems();
    const off = await caught(
      ensureLongTermMonitor(client, system!, await client.pcmPreferences(system!), false),
    );
    expect(off.kind).toBe('pcm-disabled');
    expect(off.message).toContain(
      'enable performance data collection on the HMC, or let the exporter do it with --pcm-auto-enable',
    );
    expect((await client.pcmPreferences(system!)).longTermMonitorEnabled).toBe(false);
    expect((await caught(client.ltmFeed(system!))).kind).toBe('pcm-disabled');

    expect(
      (await caught(ensureLongTermMonitor(client, system!, await client.pcmPreferences(system!), true))).kind,
    ).toBe('no-data');
    expect(await client.pcmPreferences(system!)).toMatchObject({
      longTermMonitorEnabled: true,
      computeLtmEnabled: false,
    });
    expect(await client.ltmFeed(system!)).toEqual([]);
    now += 60_000;
    const samples = await new SystemSampler(client, system!).latest(2);
    expect(samples.length).toBeGreaterThan(0);
  });

  it('NovaLink file-based logon reads the token from the file the console names', async () => {
    const { client } = await connect({ mcType: 'PVM' }, { password: undefined });
    expect(await client.listSystems()).toHaveLength(1);
    expect(client.session.consoleType).toBe('PVM');
  });

  it('an HMC refuses file-based logon', async () => {
    const { client } = await connect({ mcType: 'HMC' }, { password: undefined });
    expect((await caught(client.listSystems())).kind).toBe('auth');
  });

  it('replays captured files: data3 then data2 give the reference values with Δt from the feed', async () => {
    const files = ['phyp_pcm_data3.txt', 'phyp_pcm_data2.txt', 'vios_pcm_data.txt', 'lpar_pcm_data.txt'];
    const { client } = await connect({ replay: files.map((f) => `${FIXTURES}/${f}`) });
    const [system] = await client.listSystems();
    const [current, previous] = await new SystemSampler(client, system!).latest(2);
    const readings = inspect(current!, previous);
    const ubuntu = readings.lpars.find((l) => l.lpar_name === 'Ubuntu1410')!;
    expect(ubuntu.cpu_util).toBeCloseTo(10.01, 12);
    expect(ubuntu.memory_usage).toBe(4096);
    expect(ubuntu.vnics[0]!.mac).not.toBeNull();
    expect(ubuntu.disks.map((d) => d.device)).toEqual(['vios1-vhost0']);
  });
});

describe('TLS', () => {
  const tls = selfSignedCertificate();

  it('verifies the console certificate by default', async () => {
    const { client } = await connect({ tls });
    const error = await caught(client.listSystems());
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(
      /certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); give the console's CA certificate/,
    );
  });

  it('trusts a given CA bundle', async () => {
    const { client } = await connect({ tls }, { tls: { ca: tls.cert } });
    expect(await client.listSystems()).toHaveLength(1);
  });

  it('skips verification only when told to', async () => {
    const { client } = await connect({ tls }, { tls: { insecure: true } });
    expect(await client.listSystems()).toHaveLength(1);
  });
});
