/** The collector against the simulator at a 1 s cadence: cycles, readiness, failures, recovery, logs. */
import { afterEach, describe, expect, it } from 'vitest';
import { Collector, type ConsoleTarget, type Cycle } from '../../src/collector/index.js';
import { MemorySink } from '../../src/sinks/index.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { recordingLogger, type LogLine } from '../support/recording-logger.js';

const FAST = {
  intervalMs: 1_000,
  settleMs: 150,
  backoffMs: 200,
  maxBackoffMs: 1_000,
  discoveryEveryMs: 60_000,
};

const target = (url: string, name = 'sim', overrides: Partial<ConsoleTarget> = {}): ConsoleTarget => ({
  connection: { name, url, user: 'hscroot', password: 'abc123', timeoutMs: 2_000 },
  includeSystem: () => true,
  includeLpar: () => true,
  pcmAutoEnable: false,
  concurrency: 2,
  ...overrides,
});

const open: { sims: RunningSimulator[]; collectors: Collector[] } = { sims: [], collectors: [] };
afterEach(async () => {
  await Promise.all(open.collectors.splice(0).map((c) => c.shutdown()));
  await Promise.all(open.sims.splice(0).map((s) => s.close()));
});

async function simulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  // A 1 s cadence with 1 min of history keeps the feed the size of a real one (30 s × 30 min).
  const sim = await startSimulator({ sampleIntervalSeconds: 1, retentionMinutes: 1, lpars: 4, ...options });
  open.sims.push(sim);
  return sim;
}

function collect(targets: ConsoleTarget[], logs: LogLine[] = []) {
  const sink = new MemorySink();
  const collector = new Collector({
    targets,
    sinks: [sink],
    schedule: FAST,
    logger: recordingLogger(logs),
    coalesceMs: 50,
    heartbeatMs: 500,
  });
  open.collectors.push(collector);
  collector.start();
  return { sink, collector };
}

const system = (cycle: Cycle, hmc: string, index = 0) =>
  [...cycle.state.consoles.get(hmc)!.systems.values()][index];

describe('collector', () => {
  it('polls every system of every console and hands the sinks fresh readings, once per sample', async () => {
    const a = await simulator({ systems: 2, seed: 1 });
    const b = await simulator({ systems: 1, seed: 2 });
    const { sink, collector } = collect([target(a.url, 'hmc-a'), target(b.url, 'hmc-b')]);
    const ready = await sink.waitFor((c) => c.state.ready);
    expect([...ready.state.consoles.keys()].sort()).toEqual(['hmc-a', 'hmc-b']);
    expect(ready.state.consoles.get('hmc-a')!.systems.size).toBe(2);
    expect(collector.state.ready).toBe(true);

    // Wait for a few more samples, then check that each (system, sample) pair came through exactly once.
    await sink.waitFor((c) => c.time - ready.time > 2_500);
    const fresh = sink.cycles.flatMap((c) =>
      c.fresh.map((f) => `${f.console}/${f.system}@${f.readings.system.time}`),
    );
    expect(new Set(fresh).size).toBe(fresh.length);
    for (const hmc of ['hmc-a', 'hmc-b']) {
      const last = sink.cycles.at(-1)!.state.consoles.get(hmc)!;
      expect(last.up).toBe(true);
      for (const s of last.systems.values()) {
        expect(s.up).toBe(true);
        expect(s.readings!.lpars).toHaveLength(4);
        expect(s.pcm?.longTermMonitorEnabled).toBe(true);
        expect(fresh.filter((f) => f.startsWith(`${hmc}/${s.name}@`)).length).toBeGreaterThanOrEqual(2);
      }
      expect(last.requests.get('200')).toBeGreaterThan(0);
    }
  });

  it('a console that is down: powervm_up 0, one log line, the other console unaffected', async () => {
    const good = await simulator();
    const logs: LogLine[] = [];
    const { sink } = collect([target('http://127.0.0.1:1', 'down'), target(good.url, 'good')], logs);
    const cycle = await sink.waitFor(
      (c) => c.state.ready && (c.state.consoles.get('good')?.systems.size ?? 0) > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several retries
    const down = sink.cycles.at(-1)!.state.consoles.get('down')!;
    expect(down).toMatchObject({ up: false, failure: { kind: 'network' } });
    expect(
      logs.filter((l) => l.level === 'warn' && (l.fields as { hmc?: string }).hmc === 'down'),
    ).toHaveLength(1);
    expect(system(cycle, 'good')!.up).toBe(true);
  });

  it('recovers by itself when the console comes back, and says so once', async () => {
    const sim = await simulator();
    const logs: LogLine[] = [];
    const { sink } = collect([target(sim.url)], logs);
    await sink.waitFor((c) => system(c, 'sim')?.up === true);
    const port = sim.port;
    await sim.close();
    open.sims.splice(open.sims.indexOf(sim), 1);
    const outage = sink.cycles.length;
    await sink.waitFor((c) => system(c, 'sim')?.up === false, 10_000, outage);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const back = await simulator({ port });
    expect(back.port).toBe(port);
    const restart = sink.cycles.length;
    await sink.waitFor(
      (c) => system(c, 'sim')?.up === true && c.state.consoles.get('sim')!.up,
      15_000,
      restart,
    );
    const systemWarnings = logs.filter((l) => l.level === 'warn' && 'system' in l.fields);
    expect(systemWarnings.length).toBeGreaterThanOrEqual(1);
    expect(systemWarnings.length).toBeLessThanOrEqual(2); // e.g. refused, then a 401 from the new console
    expect(logs.filter((l) => l.message === 'collection recovered')).toHaveLength(1);
  });

  it('a console restart (sessions invalidated) costs no poll: the client logs on again', async () => {
    const sim = await simulator();
    const { sink } = collect([target(sim.url)]);
    await sink.waitFor((c) => system(c, 'sim')?.readings !== undefined);
    sim.invalidateSessions();
    const start = sink.cycles.length;
    await sink.waitFor((c) => sink.cycles.indexOf(c) > start && c.fresh.length > 0);
    expect(sink.cycles.slice(start).every((c) => system(c, 'sim')!.up)).toBe(true);
  });

  it('LTM off: the system is down with pcm-disabled, and powervm_pcm_enabled can say why', async () => {
    const sim = await simulator({ ltmEnabled: false });
    const logs: LogLine[] = [];
    const { sink } = collect([target(sim.url)], logs);
    const cycle = await sink.waitFor((c) => system(c, 'sim')?.failure !== undefined);
    expect(system(cycle, 'sim')).toMatchObject({
      up: false,
      failure: { kind: 'pcm-disabled' },
      pcm: { longTermMonitorEnabled: false },
    });
    expect(cycle.state.consoles.get('sim')!.up).toBe(true);
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(1);
  });

  it('include filters: only the wanted LPARs are reported', async () => {
    const sim = await simulator();
    const { sink } = collect([target(sim.url, 'sim', { includeLpar: (name) => name.startsWith('db') })]);
    const cycle = await sink.waitFor((c) => system(c, 'sim')?.readings !== undefined);
    const names = system(cycle, 'sim')!.readings!.lpars.map((l) => l.lpar_name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n.startsWith('db'))).toBe(true);
  });

  it('shuts down promptly, logging off', async () => {
    const sim = await simulator({ systems: 3 });
    const { sink, collector } = collect([target(sim.url)]);
    await sink.waitFor((c) => c.state.ready);
    const started = Date.now();
    await collector.shutdown();
    open.collectors.splice(open.collectors.indexOf(collector), 1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
