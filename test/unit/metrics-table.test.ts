/** What the compiler cannot check about the metric table: names, units and coverage. */
import { describe, expect, it } from 'vitest';
import { IDENTITY_LABELS, METRICS, SELF_METRICS, SINK_METRICS } from '../../src/metrics/index.js';
import { PROMISED_METRICS } from '../support/promised-metrics.js';

const UNIT_WORDS =
  /_(seconds|bytes|ratio|cores|processors|packets|operations|bytes_per_second|info)(_total)?$/;
const own = [...Object.values(SELF_METRICS), ...Object.values(SINK_METRICS)];
const all = [...METRICS.map((m) => m.name), ...own.map((m) => m.name)];

describe('metric table', () => {
  it('every name is unique and prefixed', () => {
    expect(new Set(all).size).toBe(all.length);
    for (const name of all) expect(name).toMatch(/^powervm_[a-z0-9_]+$/);
  });

  it('counters end in _total, gauges do not', () => {
    for (const m of [...METRICS, ...own]) {
      expect(m.name.endsWith('_total'), m.name).toBe(m.kind === 'counter');
    }
  });

  it('every product metric names its unit (or is an _info metric)', () => {
    for (const m of METRICS) expect(m.name, m.name).toMatch(UNIT_WORDS);
  });

  it('unit 1 exactly on ratios, so an OpenTelemetry Collector adds no _ratio suffix to other names', () => {
    for (const m of [...METRICS, ...own]) expect(m.unit === '1', m.name).toBe(m.name.endsWith('_ratio'));
  });

  it('_info rows carry descriptive labels and value 1; other rows none', () => {
    for (const m of METRICS) {
      expect(m.name.endsWith('_info'), m.name).toBe('infoLabels' in m && m.infoLabels !== undefined);
    }
  });

  it('no row label collides with an identity label', () => {
    for (const m of METRICS) {
      const identity = new Set<string>(['hmc', 'system', ...IDENTITY_LABELS[m.entity]]);
      for (const s of m.series)
        for (const key of Object.keys(s.labels ?? {})) expect(identity.has(key)).toBe(false);
    }
  });

  it('every Ceilometer meter is defined once', () => {
    const meters = METRICS.flatMap((m) =>
      'ceilometer' in m && m.ceilometer ? m.ceilometer.map((c) => c.meter) : [],
    );
    expect(new Set(meters).size).toBe(meters.length);
    expect(meters.sort()).toEqual(
      [
        'cpu',
        'cpu_util',
        'vcpus',
        'memory',
        'memory.resident',
        'memory.usage',
        'network.incoming.bytes',
        'network.outgoing.bytes',
        'network.incoming.packets',
        'network.outgoing.packets',
        'network.incoming.packets.drop',
        'network.outgoing.packets.drop',
        'network.incoming.packets.error',
        'network.outgoing.packets.error',
        'network.incoming.bytes.rate',
        'network.outgoing.bytes.rate',
        'disk.device.read.bytes',
        'disk.device.write.bytes',
        'disk.device.read.requests',
        'disk.device.write.requests',
        'disk.device.iops',
      ].sort(),
    );
  });

  it('contains the names the exporter promises', () => {
    for (const name of PROMISED_METRICS) {
      expect(all).toContain(name);
    }
  });
});
