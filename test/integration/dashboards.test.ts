/**
 * The proof that every dashboard shows data: the exporter on the simulator, scraped by a real
 * Prometheus with the shipped job and recording rules; every template variable and every panel
 * query of dashboards/*.json is run, with variables substituted as Grafana would on first opening
 * (each variable's first value, or All), and must return at least one series.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  interpolate,
  panelQueries,
  parseLabelValues,
  queryVariables,
  shippedDashboards,
  type DashboardJson,
} from '../support/dashboards.js';
import { startExporter, type RunningExporter } from '../support/exporter.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import { SCRAPE_CONFIG } from '../support/prometheus-deploy.js';

/**
 * Grafana's built-in variables. The harness scrapes every second: $__rate_interval is Grafana's
 * minimum of four scrapes and then some, so rate() always has samples; the rest are plausible.
 */
const BUILTINS: Record<string, string> = {
  __rate_interval: '10s',
  __interval: '5s',
  __interval_ms: '5000',
  __range: '5m',
  __range_s: '300',
  __range_ms: '300000',
  datasource: 'prometheus',
};

const DASHBOARDS = shippedDashboards();

let exporter: RunningExporter;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  exporter = await startExporter(2, { systems: 2, lpars: 6 });
  prometheus = await startPrometheus(SCRAPE_CONFIG, new URL(exporter.server.url).host);
  // The slowest series to appear: a 5-minute ratio of two rates, computed by a recording rule.
  await prometheus.eventually('hmc_system_lpar:powervm_lpar_cpu_seconds_per_entitled_seconds:ratio_rate5m');
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.stop();
});

const escapeRegex = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Resolves the variables in order, each query seeing the values chosen before it. Grafana's
 * label_values(selector, label) lists the label's values on the selected series; the same list is
 * `count by (label) (selector)` in PromQL.
 */
async function chooseVariables(dashboard: DashboardJson): Promise<Record<string, string>> {
  const values = { ...BUILTINS };
  for (const variable of queryVariables(dashboard)) {
    const { selector, label } = parseLabelValues(interpolate(variable.query, values));
    const series = await prometheus.eventually(`count by (${label}) (${selector})`, 1, 10_000);
    const options = series.map((s) => s.metric[label]!).sort();
    const first = (await running(label, options))[0] ?? options[0]!;
    values[variable.name] = variable.includeAll
      ? (variable.allValue ?? options.map(escapeRegex).join('|'))
      : variable.multi
        ? escapeRegex(first)
        : first;
  }
  return values;
}

/**
 * The options that name a running partition, LPARs busiest first. The simulator stops some LPARs
 * for minutes at a time, as real estates do, and one that was running when chosen may stop while its
 * panels are queried; a user looking at one that is down sees no traffic, so the proof looks where
 * there is some, as a user checking a dashboard would: at a partition that has run, and worked, longest.
 */
async function running(label: string, options: readonly string[]): Promise<string[]> {
  const info = { lpar: 'powervm_lpar_info', vios: 'powervm_vios_info' }[label];
  if (info === undefined) return [...options];
  const up = new Set((await prometheus.query(`${info}{state="Running"}`)).map((s) => s.metric[label]));
  const chosen = options.filter((option) => up.has(option));
  if (label !== 'lpar') return chosen;
  const worked = new Map(
    (await prometheus.query('max by (lpar) (powervm_lpar_cpu_seconds_total)')).map((s) => [
      s.metric['lpar'],
      Number(s.value[1]),
    ]),
  );
  return chosen.sort((a, b) => (worked.get(b) ?? 0) - (worked.get(a) ?? 0));
}

describe.each(DASHBOARDS)('dashboards/%s on a real Prometheus', (_file, dashboard) => {
  let values: Record<string, string>;

  it('lists values for every template variable', async () => {
    values = await chooseVariables(dashboard);
    for (const variable of queryVariables(dashboard))
      expect(values[variable.name], variable.name).toBeTruthy();
  });

  it('shows at least one series in every panel query', async () => {
    expect(values, 'variables resolved by the test before').toBeDefined();
    const empty: string[] = [];
    for (const { where, expr } of panelQueries(dashboard)) {
      const query = interpolate(expr, values);
      // Everything has been scraped by now (see beforeAll): a few seconds cover a fresh rate window.
      await prometheus
        .eventually(query, 1, 5_000)
        .catch((error: Error) => empty.push(`${where}: ${error.message}`));
    }
    expect(empty).toEqual([]);
  }, 120_000);
});

it('found the four dashboards', () => {
  expect(DASHBOARDS.map(([file]) => file)).toHaveLength(4);
});
