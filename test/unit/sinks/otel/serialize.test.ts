import type { Attributes } from '@opentelemetry/api';
import { PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { collectFamily } from '../../../../src/sinks/otel/collect.js';
import type { Family } from '../../../../src/sinks/otel/instrument.js';
import { familyHeader, familySamples, LabelSets } from '../../../../src/sinks/otel/serialize.js';

/** exporter-prometheus' serializer as the sink used it before writing its own. */
const reference = new PrometheusSerializer(undefined, false, undefined, true, true);

const shared: Attributes = { hmc: 'hmc1', system: 'sys1', lpar: 'lpar1' };
const OBSERVATIONS: [number, Attributes][] = [
  [1, shared],
  [2.5, shared], // the same object again: the last value stands, as in the SDK
  [-0.125, { ...shared, lpar: 'back\\slash "quoted"\nnewline' }],
  [1e21, { 'dotted.name-dash': 'x', double__underscore: 'y' }],
  [Number.NaN, { flag: true, count: 3, list: ['a', 'b'] }],
  [Infinity, { lpar: 'ünïcødé' }],
  [-Infinity, {}],
  [5e-7, { empty: '' }],
];

const families: Family[] = [
  { name: 'powervm_test_seconds_total', kind: 'counter', unit: 's', help: 'A counter.\nWith \\ two lines.' },
  { name: 'powervm_test_ratio', kind: 'gauge', unit: '', help: '' },
  { name: 'powervm_test_bytes', kind: 'gauge', unit: 'By', help: 'A gauge.' },
];

describe("the sink's serializer", () => {
  it.each(families)('writes $name exactly as PrometheusSerializer does', async (family) => {
    const observations = family.kind === 'counter' ? OBSERVATIONS.filter(([v]) => v >= 0) : OBSERVATIONS;
    const { resourceMetrics } = await collectFamily({
      family,
      callback: (result) => {
        for (const [value, attributes] of observations) result.observe(value, attributes);
      },
    });
    const metric = resourceMetrics.scopeMetrics[0]!.metrics[0]!;
    const ours = familyHeader(metric) + familySamples(metric, new LabelSets());
    expect(ours).toBe(reference.serialize(resourceMetrics as ResourceMetrics));
    expect(ours.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toHaveLength(
      observations.length - 1,
    );
  });

  it('writes a shared attributes object once per LabelSets and reuses it', () => {
    const labels = new LabelSets();
    expect(labels.of(shared)).toBe('{hmc="hmc1",system="sys1",lpar="lpar1"}');
    expect(labels.of(shared)).toBe(labels.of(shared));
    expect(labels.of({})).toBe('');
  });
});
