/** The simulator's fault injection seen from outside: the loopback control endpoint and the CLI flags. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { runCli } from '../support/run-cli.js';

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function control(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim!.controlUrl}${path}`, init);
  return { status: response.status, body: await response.json() };
}

const post = (body: string) => control('/faults', { method: 'POST', body });

describe('fault control endpoint', () => {
  it('injects, lists and clears faults that the console API then shows', async () => {
    sim = await startSimulator({ control: { host: '127.0.0.1', port: 0 } });
    expect(sim.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await post(
      '[{"kind":"status","status":503,"path":"ManagedSystem"},{"kind":"duplicate"}]',
    );
    expect(created).toEqual({ status: 201, body: { ids: ['f1', 'f2'] } });
    expect((await control('/faults')).body).toEqual([
      { id: 'f1', kind: 'status', status: 503, path: 'ManagedSystem' },
      { id: 'f2', kind: 'duplicate' },
    ]);
    // The fault applies before authentication, like a console that is not yet up.
    expect((await fetch(`${sim.url}/rest/api/uom/ManagedSystem`)).status).toBe(503);
    expect(await control('/faults/f1', { method: 'DELETE' })).toEqual({
      status: 200,
      body: { cleared: true },
    });
    expect((await fetch(`${sim.url}/rest/api/uom/ManagedSystem`)).status).toBe(401);
    expect((await control('/faults/f1', { method: 'DELETE' })).status).toBe(404);
    await control('/faults', { method: 'DELETE' });
    expect((await control('/faults')).body).toEqual([]);
  });

  it('a one-shot fault hits exactly one request', async () => {
    sim = await startSimulator({ faults: [{ kind: 'status', status: 500, once: true }] });
    expect((await fetch(`${sim.url}/rest/api/uom/ManagedSystem`)).status).toBe(500);
    expect((await fetch(`${sim.url}/rest/api/uom/ManagedSystem`)).status).toBe(401);
    expect(sim.faults.list()).toEqual([]);
  });

  it('bad faults are refused with what is wrong, and nothing of the request is kept', async () => {
    sim = await startSimulator({ control: { host: '127.0.0.1', port: 0 } });
    expect(await post('{"kind":"status"}')).toEqual({
      status: 400,
      body: { error: "fault: a status fault needs 'status'" },
    });
    expect((await post('{"kind":"explode"}')).body).toMatchObject({
      error: expect.stringMatching(/^fault\.kind: expected one of refuse, status/) as unknown,
    });
    expect((await post('[{"kind":"duplicate"},{"kind":"hide-lpar","lpar":"nobody"}]')).body).toEqual({
      error: 'fault.lpar: no partition named nobody',
    });
    expect((await post('{"kind":"delay","ms":10,"once":"yes"}')).body).toEqual({
      error: 'fault.once: not a parameter of a fault, or of the wrong type',
    });
    expect((await post('not json')).status).toBe(400);
    expect((await control('/faults')).body).toEqual([]);
  });

  it('listens on loopback only', async () => {
    await expect(startSimulator({ control: { host: '0.0.0.0', port: 0 } })).rejects.toThrow(
      'the fault control endpoint listens on loopback only (127.0.0.1 or ::1), not 0.0.0.0',
    );
  });

  it('simulate --fault: a fault that is not JSON is a usage error naming the flag', async () => {
    const bad = await runCli(['simulate', '--listen', '127.0.0.1:0', '--fault', '{"kind":']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fault #1: not JSON');
  });
});
