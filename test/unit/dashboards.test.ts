/**
 * The rules every shipped dashboard keeps, read from the committed JSON: generated from
 * scripts/dashboards/, a unit on every panel, the datasource variable everywhere, counters only
 * through rate() over $__rate_interval, no job name, chained variables, and only metric names the
 * exporter exposes or the shipped recording rules record. (That each query returns data is
 * test/integration/dashboards.test.ts.)
 */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DASHBOARDS, render } from '../../scripts/dashboards/index.js';
import { METRICS, SELF_METRICS, SINK_METRICS } from '../../src/metrics/index.js';
import {
  DASHBOARD_DIR,
  dataPanels,
  panelQueries,
  parseLabelValues,
  queryVariables,
  shippedDashboards,
  type DashboardJson,
} from '../support/dashboards.js';
import { recordedNames } from '../support/prometheus-deploy.js';

const SHIPPED = shippedDashboards();

/** Grafana's dashboard model as JSON Schema (see its $comment for where it comes from). */
const validateDashboard = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(
    readFileSync(new URL('../fixtures/grafana-dashboard.schema.json', import.meta.url), 'utf8'),
  ) as object,
);
const DATASOURCE_UID = '${datasource}';

/** Every expression of a dashboard: panel targets and variable queries. */
const expressions = (dashboard: DashboardJson) => [
  ...panelQueries(dashboard),
  ...queryVariables(dashboard).map((v) => ({ where: `${dashboard.uid} › $${v.name}`, expr: v.query })),
];

/** Metric names in PromQL: the exporter's (powervm_…) and recorded ones (level:powervm_…:operations). */
const metricNames = (expr: string) => expr.match(/\b(?:[a-z_]+:)?powervm_[a-z0-9_]+(?::[a-z0-9_]+)?/g) ?? [];

describe('dashboards/', () => {
  it('holds exactly what scripts/dashboards generates (run `npm run dashboards` after changing it)', async () => {
    expect(SHIPPED.map(([file]) => file)).toEqual(Object.keys(DASHBOARDS).sort());
    for (const [file, dashboard] of Object.entries(DASHBOARDS)) {
      expect(readFileSync(new URL(file, DASHBOARD_DIR), 'utf8'), file).toBe(await render(file, dashboard));
    }
  });

  it('shows every recording rule the rules file records', () => {
    const used = new Set(SHIPPED.flatMap(([, d]) => expressions(d).flatMap((q) => metricNames(q.expr))));
    for (const name of recordedNames())
      expect(used, `${name} is recorded but no dashboard shows it`).toContain(name);
  });

  it('have distinct uids', () => {
    const uids = SHIPPED.map(([, d]) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe.each(SHIPPED)('dashboards/%s', (_file, dashboard) => {
  it("is valid against Grafana's dashboard schema (@grafana/schema)", () => {
    validateDashboard(dashboard);
    expect(validateDashboard.errors ?? []).toEqual([]);
  });

  it('has a uid, title, tags, time range, refresh and panels on the grid', () => {
    expect(dashboard.uid).toMatch(/^powervm-[a-z]+$/);
    expect(dashboard.title).toMatch(/^PowerVM \/ /);
    expect(dashboard.tags).toContain('powervm');
    expect(dashboard.time).toEqual({ from: expect.any(String), to: 'now' });
    expect(dashboard.refresh).toMatch(/^\d+[smh]$/);
    const occupied = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const cell = `${column},${row}`;
          expect(occupied.has(cell), `${panel.title} overlaps another panel at ${cell}`).toBe(false);
          occupied.add(cell);
        }
      }
    }
  });

  it('sets a unit on every panel', () => {
    for (const panel of dataPanels(dashboard))
      expect(panel.fieldConfig?.defaults?.unit, panel.title).toBeTruthy();
  });

  it('queries the $datasource variable from every panel, target and variable', () => {
    const [datasource] = dashboard.templating.list;
    expect(datasource).toMatchObject({ name: 'datasource', type: 'datasource', query: 'prometheus' });
    for (const panel of dataPanels(dashboard)) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: DATASOURCE_UID });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? [])
        expect(target.datasource?.uid, panel.title).toBe(DATASOURCE_UID);
    }
    for (const variable of queryVariables(dashboard)) expect(variable.datasource?.uid).toBe(DATASOURCE_UID);
  });

  it('chains hmc → system → lpar or vios, each query filtered by the variables before it', () => {
    const names = queryVariables(dashboard).map((v) => v.name);
    expect(names.slice(0, 2)).toEqual(['hmc', 'system']);
    expect(names.slice(2).every((n) => n === 'lpar' || n === 'vios')).toBe(true);
    queryVariables(dashboard).forEach((variable, i) => {
      const { label } = parseLabelValues(variable.query);
      expect(label).toBe(variable.name);
      for (const earlier of names.slice(0, i))
        expect(variable.query, variable.name).toContain(`"$${earlier}"`);
    });
  });

  it('reads counters only through rate() or increase() over $__rate_interval, and no other window', () => {
    for (const { where, expr } of expressions(dashboard)) {
      const outsideRates = expr.replace(
        /\b(?:rate|increase)\(\s*[a-z_:][a-z0-9_:]*_total\s*(?:\{[^}]*\})?\s*\[\$__rate_interval\]\s*\)/g,
        '',
      );
      expect(outsideRates, where).not.toMatch(/_total\b/);
      expect(outsideRates, where).not.toMatch(/\[/);
    }
  });

  it('hard-codes no job name', () => {
    for (const { where, expr } of expressions(dashboard))
      expect(expr, where).not.toMatch(/\bjob\s*(=|!=|=~|!~)/);
  });

  it('uses only metrics the exporter exposes or the recording rules record', () => {
    const known = new Set([
      ...METRICS.map((m) => m.name),
      ...Object.values(SELF_METRICS).map((m) => m.name),
      ...Object.values(SINK_METRICS).map((m) => m.name),
      ...recordedNames(),
    ]);
    for (const { where, expr } of expressions(dashboard)) {
      const names = metricNames(expr);
      expect(names.length, where).toBeGreaterThan(0);
      for (const name of names) expect(known, `${where}: ${name}`).toContain(name);
    }
  });
});
