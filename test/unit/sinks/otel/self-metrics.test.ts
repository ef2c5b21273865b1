import { describe, expect, it } from 'vitest';
import { SELF_METRICS } from '../../../../src/metrics/index.js';
import { renderExposition } from '../../../../src/sinks/otel/index.js';
import { EMPTY_STATE } from '../../../../src/sinks/otel/render-input.js';
import { parseExposition, samplesOf, valueOf } from './support/exposition.js';
import { console, SAMPLE_TIME, state, system } from './support/states.js';

const NOW = SAMPLE_TIME + 42_000;
const pkg = (await import('../../../../package.json', { with: { type: 'json' } })).default;

const estate = state([
  console('hmc1', [system('sys1'), system('sys2', { up: false, collectSeconds: undefined })]),
  console('hmc2', [], { up: false, requests: new Map([['401', 2]]) }),
]);
const render = async (s = estate) => parseExposition(await renderExposition(s, NOW));

describe('self-metrics', () => {
  it('every self-metric carries exactly the labels self.ts names', async () => {
    const e = await render();
    for (const m of Object.values(SELF_METRICS)) {
      const found = samplesOf(e, m.name);
      expect(found.length, m.name).toBeGreaterThan(0);
      for (const s of found) expect(Object.keys(s.labels), m.name).toEqual(m.labels);
    }
  });

  it('reports consoles and systems up or down', async () => {
    const e = await render();
    expect(valueOf(e, 'powervm_up', { hmc: 'hmc1' })).toBe(1);
    expect(valueOf(e, 'powervm_up', { hmc: 'hmc2' })).toBe(0);
    expect(valueOf(e, 'powervm_system_up', { hmc: 'hmc1', system: 'sys1' })).toBe(1);
    expect(valueOf(e, 'powervm_system_up', { hmc: 'hmc1', system: 'sys2' })).toBe(0);
  });

  it('sample age is the cycle time minus the sample time, in seconds; duration as measured', async () => {
    const e = await render();
    expect(valueOf(e, 'powervm_sample_age_seconds', { system: 'sys1' })).toBe(42);
    expect(valueOf(e, 'powervm_collect_duration_seconds', { system: 'sys1' })).toBe(1.5);
    expect(samplesOf(e, 'powervm_collect_duration_seconds', { system: 'sys2' })).toEqual([]);
  });

  it('counts console requests by code and reading issues by problem', async () => {
    const e = await render();
    expect(valueOf(e, 'powervm_console_requests_total', { hmc: 'hmc1', code: '200' })).toBe(12);
    expect(valueOf(e, 'powervm_console_requests_total', { hmc: 'hmc1', code: 'timeout' })).toBe(1);
    expect(valueOf(e, 'powervm_console_requests_total', { hmc: 'hmc2', code: '401' })).toBe(2);
    expect(valueOf(e, 'powervm_reading_issues_total', { system: 'sys1', problem: 'missing' })).toBe(3);
  });

  it('shows each PCM monitor switch', async () => {
    const e = await render();
    const pcm = (monitor: string) => valueOf(e, 'powervm_pcm_enabled', { system: 'sys1', monitor });
    expect([pcm('ltm'), pcm('compute_ltm'), pcm('stm'), pcm('aggregation')]).toEqual([1, 0, 1, 0]);
  });

  it('build info names this package version and the running Node.js, value 1', async () => {
    const e = await render();
    expect(
      valueOf(e, 'powervm_build_info', { version: pkg.version, nodejs_version: process.versions.node }),
    ).toBe(1);
  });

  it('an empty state (before the first cycle) shows build info only', async () => {
    const e = await render(EMPTY_STATE);
    expect(e.samples.map((s) => s.name)).toEqual(['powervm_build_info']);
  });
});
