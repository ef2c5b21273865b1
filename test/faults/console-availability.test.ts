/**
 * Faults in reaching the console: down, restarted, slow, silent, cut off. Each asserts what the
 * operator sees (metrics, one log line per state change) and that collection recovers by itself.
 * Also covered elsewhere, at the client level: test/integration/client-protocol.test.ts (timeouts,
 * resets, 401 handling) and test/integration/collector.test.ts (a console that never answers).
 */
import { describe, expect, it } from 'vitest';
import { consoleUp, linesAbout, metric, sampleAge, systemUp, useFaultRigs } from './support/fault-rig.js';

const startRig = useFaultRigs();
const LTM_FEED = 'LongTermMonitor$';

describe('console availability faults', () => {
  it('console down at start: powervm_up 0 and one warning, then up with its systems once it answers', async () => {
    const rig = await startRig({ faults: [{ kind: 'refuse' }] });
    const down = await rig.until('console down', (m) => consoleUp(m) === 0);
    expect(metric(down, 'powervm_system_up')).toBeUndefined(); // nothing discovered yet
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several retries
    const warnings = linesAbout(rig.logs, 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^console sim: /);
    expect(warnings[0]!.fields).toMatchObject({ hmc: 'sim', kind: 'network' });

    rig.sim.faults.clear();
    await rig.healthy();
    expect(linesAbout(rig.logs, 'info').filter((l) => l.message === 'console answering again')).toHaveLength(
      1,
    );
  });

  it('console down mid-run: console and system down, the sample ages, then both recover', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'refuse' });
    const down = await rig.until(
      'down',
      (m) => consoleUp(m) === 0 && systemUp(m, rig.system) === 0 && sampleAge(m, rig.system)! > 3,
    );
    expect(sampleAge(down, rig.system)).toBeGreaterThan(3); // the last readings stay, and say how old they are
    expect(linesAbout(rig.logs, 'warn', rig.system)).toHaveLength(1);
    expect(linesAbout(rig.logs, 'warn')).toHaveLength(1);

    rig.sim.faults.clear();
    await rig.healthy();
    expect(rig.logs.filter((l) => l.message === 'collection recovered')).toHaveLength(1);
    expect(rig.logs.filter((l) => l.message === 'console answering again')).toHaveLength(1);
  });

  it('console restart (every session invalidated): 401, a new logon, and no outage at all', async () => {
    const rig = await startRig();
    await rig.healthy();
    const before = metric(await rig.scrape(), 'powervm_console_requests_total', { code: '401' }) ?? 0;
    rig.sim.invalidateSessions();
    const after = await rig.until(
      '401 seen',
      (m) => (metric(m, 'powervm_console_requests_total', { code: '401' }) ?? 0) > before,
    );
    expect(systemUp(after, rig.system)).toBe(1);
    await rig.healthy();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('slow responses past the timeout: a timeout failure naming console and system, then recovery', async () => {
    const rig = await startRig({}, { connection: { timeoutMs: 500 } });
    await rig.healthy();
    const id = rig.sim.faults.inject({ kind: 'delay', ms: 1_200, path: LTM_FEED });
    await rig.until('system down', (m) => systemUp(m, rig.system) === 0);
    expect(consoleUp(await rig.scrape())).toBe(0); // a timeout says the console is not answering
    const [warning, ...more] = linesAbout(rig.logs, 'warn', rig.system);
    expect(more).toHaveLength(0);
    expect(warning).toMatchObject({
      fields: { hmc: 'sim', system: rig.system, kind: 'timeout' },
      message: `console sim, system ${rig.system}: no complete answer within 500 ms`,
    });
    rig.sim.faults.clear(id);
    await rig.healthy();
    expect(rig.logs.filter((l) => l.message === 'collection recovered')).toHaveLength(1);
  });

  it('a response that never ends: timeout, then recovery', async () => {
    const rig = await startRig({}, { connection: { timeoutMs: 500 } });
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'hang', path: 'LongTermMonitor/LTM_.*_phyp_' });
    await rig.until('system down', (m) => systemUp(m, rig.system) === 0);
    const warnings = linesAbout(rig.logs, 'warn', rig.system);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/^console sim, system \S+, file LTM_.*_phyp_.*: no complete answer/);
    rig.sim.faults.clear();
    await rig.healthy();
  });

  it('a kept-alive connection closed just as it is reused: the GET goes again at once, nothing fails', async () => {
    const rig = await startRig();
    await rig.healthy();
    // One request is dropped unanswered, as a console whose idle timer fires late drops a connection
    // the exporter is reusing (polls a second apart keep connections alive).
    const id = rig.sim.faults.inject({ kind: 'refuse', path: LTM_FEED, once: true });
    await rig.until('the dropped request made', () => !rig.sim.faults.list().some((f) => f.id === id));
    const after = await rig.healthy();
    expect(systemUp(after, rig.system)).toBe(1);
    expect(metric(after, 'powervm_console_requests_total', { code: 'network' })).toBeUndefined();
    expect(linesAbout(rig.logs, 'warn')).toEqual([]);
  });

  it('a connection reset mid-body: a network failure, then recovery', async () => {
    const rig = await startRig();
    await rig.healthy();
    rig.sim.faults.inject({ kind: 'reset', path: LTM_FEED });
    await rig.until('system down', (m) => systemUp(m, rig.system) === 0);
    expect(linesAbout(rig.logs, 'warn', rig.system)[0]?.fields).toMatchObject({ kind: 'network' });
    rig.sim.faults.clear();
    await rig.healthy();
    expect(linesAbout(rig.logs, 'warn', rig.system)).toHaveLength(1);
    expect(rig.logs.filter((l) => l.message === 'collection recovered')).toHaveLength(1);
  });
});
