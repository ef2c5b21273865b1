/**
 * The exporter scraped by a real Prometheus (Debian's package) with the scrape job shipped in
 * deploy/prometheus/prometheus.yml, asserted through Prometheus' HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMISED_METRICS } from '../support/promised-metrics.js';
import { startExporter, type RunningExporter } from '../support/exporter.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import { SCRAPE_CONFIG } from '../support/prometheus-deploy.js';

let exporter: RunningExporter;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  exporter = await startExporter(2, { systems: 2, lpars: 6 });
  prometheus = await startPrometheus(SCRAPE_CONFIG, new URL(exporter.server.url).host);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.stop();
});

const eventually = (expr: string, min?: number) => prometheus.eventually(expr, min);

const value = (sample: { value: [number, string] }) => Number(sample.value[1]);

describe('a real Prometheus scraping the exporter', () => {
  it('scrapes the target successfully with the shipped job', async () => {
    const [up] = await eventually('up{job="powervm"}');
    expect(value(up!)).toBe(1);
  });

  it('has the health series, with sane values', async () => {
    expect((await eventually('powervm_up')).map(value)).toEqual([1]);
    const systems = await eventually('powervm_system_up == 1', 2);
    expect(systems.map((s) => s.metric['system']).sort()).toEqual(
      exporter.simulator.systems.map((s) => s.name).sort(),
    );
    for (const age of await eventually('powervm_sample_age_seconds', 2)) {
      expect(value(age)).toBeGreaterThanOrEqual(0);
      expect(value(age)).toBeLessThan(60);
    }
    expect((await eventually('powervm_console_requests_total{code="200"}')).map(value)[0]).toBeGreaterThan(0);
    expect(await eventually('powervm_build_info')).toHaveLength(1);
    expect(await eventually('powervm_collect_duration_seconds', 2)).toHaveLength(2);
  });

  it('has inventory, LPAR, network, disk and VIOS series', async () => {
    expect(await eventually('powervm_lpar_info', 12)).toHaveLength(12);
    expect(await eventually('powervm_system_info', 2)).toHaveLength(2);
    expect(await eventually('powervm_vios_info', 2)).not.toHaveLength(0);
    const vios = [
      'powervm_vios_cpu_seconds_total',
      'powervm_vios_memory_used_bytes',
      'powervm_vios_network_receive_bytes_total',
      'powervm_vios_fc_read_bytes_total',
      'powervm_vios_storage_write_operations_total',
    ];
    for (const name of [...PROMISED_METRICS, ...vios]) {
      const series = await eventually(name);
      for (const sample of series) expect(Number.isFinite(value(sample)), name).toBe(true);
    }
    const memory = await eventually('powervm_system_memory_configurable_bytes', 2);
    for (const sample of memory) expect(value(sample)).toBeGreaterThan(2 ** 30);
    const adapters = await eventually('powervm_lpar_network_receive_bytes_total');
    expect(adapters[0]!.metric).toEqual(
      expect.objectContaining({
        hmc: 'sim',
        lpar: expect.any(String) as unknown,
        adapter: expect.stringMatching(/-V\d+-C\d+$/) as unknown,
      }),
    );
  });

  it('rate(powervm_lpar_cpu_seconds_total[1m]) is positive for busy LPARs', async () => {
    const busy = await eventually(
      'sum by (system, lpar) (rate(powervm_lpar_cpu_seconds_total{lpar="db01"}[1m])) > 0',
      2,
    );
    for (const sample of busy) {
      // Cores in use: positive, and no more than the LPAR's virtual processors allow.
      expect(value(sample)).toBeGreaterThan(0);
      expect(value(sample)).toBeLessThan(64);
    }
  }, 60_000);

  it('utilisation ratios are in range, and may pass 1 only for uncapped partitions', async () => {
    const ratios = await eventually('powervm_lpar_cpu_utilization_ratio', 6);
    for (const r of ratios) {
      expect(value(r)).toBeGreaterThanOrEqual(0);
      expect(value(r)).toBeLessThan(64);
    }
    const overCapped = await prometheus.query(
      'powervm_lpar_cpu_utilization_ratio > 1.0001 and on (hmc, system, lpar) powervm_lpar_info{proc_mode="cap"}',
    );
    expect(overCapped).toEqual([]);
  });
});
