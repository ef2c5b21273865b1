import { describe, expect, it } from 'vitest';
import { IDENTITY_LABELS, instancesOf, METRICS, SELF_METRICS } from '../../../../src/metrics/index.js';
import { renderExposition } from '../../../../src/sinks/otel/index.js';
import { parseExposition, samplesOf, valueOf } from './support/exposition.js';
import { lpar, readings, vios } from './support/readings.js';
import { oneSystem, SAMPLE_TIME } from './support/states.js';

const NOW = SAMPLE_TIME + 5_000;
const render = async (state = oneSystem()) => parseExposition(await renderExposition(state, NOW));
const sys = { hmc: 'hmc1', system: 'sys1' };

describe('rendering a state with every entity kind', () => {
  it('exposes every table row and self-metric under exactly its table name, with its help', async () => {
    const { families } = await render();
    const expected = [...METRICS, ...Object.values(SELF_METRICS)];
    expect([...families.keys()].sort()).toEqual(expected.map((m) => m.name).sort());
    for (const m of expected) {
      expect(families.get(m.name)?.help, m.name).toBe(m.help);
      expect(families.get(m.name)?.unit ?? '', m.name).toBe(m.unit); // no UNIT line for none
    }
  });

  it('types counters as counter (with _total) and everything else as gauge', async () => {
    const { families, samples } = await render();
    for (const m of [...METRICS, ...Object.values(SELF_METRICS)]) {
      expect(families.get(m.name)?.type, m.name).toBe(m.kind);
    }
    for (const s of samples)
      expect(s.name.endsWith('_total'), s.name).toBe(families.get(s.name)?.type === 'counter');
  });

  it('has no OpenTelemetry scope labels and no target_info', async () => {
    const text = await renderExposition(oneSystem(), NOW);
    expect(text).not.toMatch(/otel_scope_|target_info|otel_metric_overflow/);
  });

  it('labels every series with hmc, system, identity labels, fixed labels and info labels', async () => {
    const exposition = await render();
    for (const row of METRICS) {
      const found = samplesOf(exposition, row.name);
      expect(found.length, row.name).toBe(row.series.length);
      for (const [i, series] of row.series.entries()) {
        const { entity } = instancesOf(readings())[row.entity][0]!;
        const info = row.infoLabels ? Object.keys(row.infoLabels(entity as never)) : [];
        expect(Object.keys(found[i]!.labels), row.name).toEqual([
          'hmc',
          'system',
          ...IDENTITY_LABELS[row.entity],
          ...Object.keys(series.labels ?? {}),
          ...info,
        ]);
      }
    }
  });

  it('gives _info series the value 1 and their descriptive labels', async () => {
    const exposition = await render();
    for (const row of METRICS.filter((r) => r.name.endsWith('_info'))) {
      for (const s of samplesOf(exposition, row.name)) expect(s.value, row.name).toBe(1);
    }
    expect(samplesOf(exposition, 'powervm_lpar_info')[0]!.labels).toEqual({
      ...sys,
      lpar: 'lpar1',
      lpar_uuid: 'uuid-lpar1',
      lpar_id: '2',
      type: 'aixlinux',
      state: 'Running',
      proc_mode: 'uncap',
      pool_id: '0',
    });
  });

  it('converts units: ns to seconds, MB to bytes, percent to ratio, Gbit/s to bytes/s', async () => {
    const e = await render();
    const lpar1 = { ...sys, lpar: 'lpar1' };
    expect(valueOf(e, 'powervm_lpar_cpu_seconds_total', { ...lpar1, mode: 'capped' })).toBe(2);
    expect(valueOf(e, 'powervm_lpar_cpu_seconds_total', { ...lpar1, mode: 'uncapped' })).toBe(1);
    expect(valueOf(e, 'powervm_lpar_cpu_idle_seconds_total', lpar1)).toBe(0.5);
    expect(valueOf(e, 'powervm_lpar_memory_logical_bytes', lpar1)).toBe(8192 * 1_048_576);
    expect(valueOf(e, 'powervm_lpar_cpu_utilization_ratio', lpar1)).toBe(0.5);
    expect(valueOf(e, 'powervm_system_cpu_utilization_ratio', sys)).toBe(0.25);
    expect(
      valueOf(e, 'powervm_vios_fc_speed_bytes_per_second', { ...sys, vios: 'vios1', adapter: 'fcs0' }),
    ).toBe(1e9);
    expect(valueOf(e, 'powervm_lpar_network_receive_bytes_total', { ...lpar1, adapter: 'lpar1-C2' })).toBe(
      1000,
    );
    expect(valueOf(e, 'powervm_lpar_disk_write_bytes_total', { ...lpar1, device: 'vios1-vhost0' })).toBe(
      8192,
    );
  });
});

describe('what is not there', () => {
  it('a null reading is no series, not a zero', async () => {
    const e = await render(
      oneSystem(readings({ lpars: [lpar('lpar1', { cpu_util: null, memory_usage: null })] })),
    );
    expect(samplesOf(e, 'powervm_lpar_cpu_utilization_ratio')).toEqual([]);
    expect(samplesOf(e, 'powervm_lpar_memory_used_bytes')).toEqual([]);
    expect(samplesOf(e, 'powervm_lpar_memory_logical_bytes')).toHaveLength(1);
  });

  it('a family with no series at all is left out, headers included', async () => {
    const e = await render(oneSystem(readings({ vioses: [] })));
    expect(e.families.has('powervm_vios_info')).toBe(false);
    expect(e.families.has('powervm_lpar_info')).toBe(true);
  });

  it('an LPAR, an adapter or a VIOS gone from the readings is gone from the next rendering', async () => {
    const before = await render(oneSystem(readings({ lpars: [lpar('lpar1'), lpar('lpar2')] })));
    expect(samplesOf(before, 'powervm_lpar_info', { lpar: 'lpar2' })).toHaveLength(1);
    expect(samplesOf(before, 'powervm_vios_fc_read_bytes_total')).toHaveLength(1);

    const after = await render(
      oneSystem(readings({ lpars: [lpar('lpar1', { vnics: [] })], vioses: [vios('vios1', { fc: [] })] })),
    );
    expect(after.samples.filter((s) => s.labels['lpar'] === 'lpar2')).toEqual([]);
    expect(samplesOf(after, 'powervm_lpar_network_receive_bytes_total')).toEqual([]);
    expect(samplesOf(after, 'powervm_vios_fc_read_bytes_total')).toEqual([]);
    expect(samplesOf(after, 'powervm_lpar_info', { lpar: 'lpar1' })).toHaveLength(1);
  });
});
