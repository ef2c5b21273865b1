/**
 * deploy/otel-collector/config.yaml, checked the way the Collector reads it (no Collector runs
 * here): every component a pipeline names is defined, of a type the contrib distribution has, and
 * used; the OTLP receiver listens on HTTP where `--otlp-endpoint` pushes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Components = Record<string, unknown>;
interface CollectorConfig {
  receivers: Components;
  processors?: Components;
  exporters: Components;
  extensions?: Components;
  service: {
    extensions?: string[];
    pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }>;
  };
}

const TEXT = readFileSync(new URL('../../deploy/otel-collector/config.yaml', import.meta.url), 'utf8');
const config = parse(TEXT) as CollectorConfig;

/** Component types of otelcol-contrib this configuration may use (a typo is not one of them). */
const KNOWN = {
  receivers: ['otlp'],
  processors: ['memory_limiter', 'batch', 'transform', 'filter', 'resource', 'attributes'],
  exporters: ['prometheus', 'prometheusremotewrite', 'otlp', 'otlphttp', 'debug'],
  extensions: ['health_check', 'pprof', 'zpages'],
} as const;
type Section = keyof typeof KNOWN;

/** `type/name` → type, as the Collector reads component ids. */
const typeOf = (id: string) => id.split('/')[0]!;
const port = (endpoint: string) => Number(/:(\d+)$/.exec(endpoint)?.[1]);

describe('the OpenTelemetry Collector configuration', () => {
  const pipelines = Object.entries(config.service.pipelines);

  it('has a metrics pipeline from the OTLP receiver to a Prometheus exporter', () => {
    expect(pipelines.map(([name]) => typeOf(name))).toEqual(['metrics']);
    const [, metrics] = pipelines[0]!;
    expect(metrics.receivers).toEqual(['otlp']);
    expect(metrics.exporters.map(typeOf)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^prometheus/)]),
    );
  });

  it.each(['receivers', 'processors', 'exporters', 'extensions'] as const)(
    'every one of its %s is defined, of a known type, and used',
    (section: Section) => {
      const defined = Object.keys(config[section] ?? {});
      const used =
        section === 'extensions'
          ? (config.service.extensions ?? [])
          : pipelines.flatMap(([, pipeline]) => pipeline[section] ?? []);
      for (const id of used) expect(defined, `${section}: ${id} is not defined`).toContain(id);
      for (const id of defined) {
        expect(KNOWN[section], `${section}: unknown type ${typeOf(id)}`).toContain(typeOf(id));
        expect(used, `${section}: ${id} is defined but no pipeline uses it`).toContain(id);
      }
    },
  );

  it('limits memory first and batches last, as the Collector recommends', () => {
    for (const [, pipeline] of pipelines) {
      expect(pipeline.processors?.[0]).toBe('memory_limiter');
      expect(pipeline.processors?.at(-1)).toBe('batch');
    }
  });

  it('receives OTLP over HTTP on 4318, where the exporter pushes, and serves on distinct ports', () => {
    const otlp = config.receivers['otlp'] as { protocols: { http?: { endpoint: string } } };
    expect(port(otlp.protocols.http!.endpoint)).toBe(4318);
    expect(TEXT).toContain('--otlp-endpoint http://otel-collector:4318/v1/metrics');
    const prometheus = config.exporters['prometheus'] as { endpoint: string } | undefined;
    const health = config.extensions?.['health_check'] as { endpoint: string } | undefined;
    const ports = [4318, prometheus && port(prometheus.endpoint), health && port(health.endpoint), 9859];
    expect(new Set(ports).size).toBe(ports.length);
  });
});
