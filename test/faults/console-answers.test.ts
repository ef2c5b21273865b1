/**
 * Faults in what the console answers: error statuses, empty and broken bodies, oversized ones. The
 * client-level parsing of each is tested in test/integration/client-protocol.test.ts; here the whole
 * exporter meets them: the system goes down with one warning that names console, system and (where
 * there is one) file, the console stays up, and collection recovers once the fault is lifted.
 */
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/simulator/index.js';
import { consoleUp, linesAbout, metric, systemUp, useFaultRigs, type FaultRig } from './support/fault-rig.js';

const startRig = useFaultRigs();
const LTM_FEED = 'LongTermMonitor$';
const PHYP_FILE = 'LongTermMonitor/LTM_.*_phyp_';

/** Injects the fault, waits for the system to go down, checks the one warning, lifts it, waits for recovery. */
async function downAndBack(rig: FaultRig, fault: Fault, kind: string, message: RegExp): Promise<void> {
  await rig.healthy();
  const id = rig.sim.faults.inject(fault);
  const down = await rig.until('system down', (m) => systemUp(m, rig.system) === 0);
  expect(consoleUp(down)).toBe(1); // the console answered: only the system's data is in trouble
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // more failed polls: no more lines
  const warnings = linesAbout(rig.logs, 'warn', rig.system);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]!.fields).toMatchObject({ hmc: 'sim', system: rig.system, kind });
  expect(warnings[0]!.message).toMatch(message);
  rig.sim.faults.clear(id);
  await rig.healthy();
  expect(rig.logs.filter((l) => l.message === 'collection recovered')).toHaveLength(1);
  expect(linesAbout(rig.logs, 'warn', rig.system)).toHaveLength(1);
  expect(linesAbout(rig.logs, 'error')).toEqual([]);
}

const onSystem = (rig: FaultRig) => `^console sim, system ${rig.system}`;

describe('console answer faults', () => {
  it('403 on the LTM feed (PCM switched off): pcm-disabled, saying what to do', async () => {
    const rig = await startRig({}, { schedule: { maxBackoffMs: 500 } });
    await downAndBack(
      rig,
      { kind: 'status', status: 403, path: LTM_FEED },
      'pcm-disabled',
      new RegExp(`${onSystem(rig)}: forbidden \\(403\\) .*performance monitoring is not enabled`),
    );
  });

  it.each([500, 503])('%i on the LTM feed: an http failure carrying the console message', async (status) => {
    const rig = await startRig();
    await downAndBack(
      rig,
      { kind: 'status', status, path: LTM_FEED },
      'http',
      new RegExp(
        `${onSystem(rig)}: unexpected status ${status} on /rest/api/pcm/.*: The (management console|service)`,
      ),
    );
  });

  it('204 on the LTM feed (an empty feed): no-data until samples are listed again', async () => {
    const rig = await startRig();
    await downAndBack(rig, { kind: 'empty', path: LTM_FEED }, 'no-data', /no phyp sample yet$/);
  });

  it('a feed whose links 404: an http failure naming the file, logged once though the file changes', async () => {
    const rig = await startRig();
    await downAndBack(
      rig,
      { kind: 'status', status: 404, path: 'LongTermMonitor/LTM_' },
      'http',
      new RegExp(`${onSystem(rig)}, file LTM_\\S+\\.json: unexpected status 404`),
    );
  });

  it.each([
    ['truncated XML', 'truncate', LTM_FEED, /malformed XML/],
    ['malformed XML', 'malformed', LTM_FEED, /malformed XML/],
    ['truncated JSON', 'truncate', PHYP_FILE, /, file LTM_\S+_phyp_\S+\.json: malformed JSON/],
    ['malformed JSON', 'malformed', PHYP_FILE, /, file LTM_\S+_phyp_\S+\.json: malformed JSON/],
  ] as const)('%s: a format failure naming where', async (_name, kind, path, message) => {
    const rig = await startRig();
    await downAndBack(rig, { kind, path }, 'format', message);
  });

  it('wrong content type (an HTML page from a proxy): a format failure that says so', async () => {
    const rig = await startRig();
    await downAndBack(
      rig,
      { kind: 'content-type', path: LTM_FEED },
      'format',
      /answered with an HTML page \(Content-Type text\/html; charset=utf-8\).*proxy/,
    );
  });

  it('a huge body: the client stops reading at its limit and says so', async () => {
    const limit = 4 * 1024 * 1024;
    const rig = await startRig({}, { connection: { maxBodyBytes: limit } });
    await downAndBack(
      rig,
      { kind: 'huge', bytes: 2 * limit, path: PHYP_FILE },
      'format',
      new RegExp(`, file LTM_\\S+: answer larger than the maximum body size \\(${limit} bytes\\)`),
    );
    // The requests are counted, so the operator can see the console kept answering.
    expect(metric(await rig.scrape(), 'powervm_console_requests_total', { code: '200' })).toBeGreaterThan(0);
  });
});
