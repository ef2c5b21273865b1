// The shipped Grafana dashboards as JSON, read the way Grafana reads them: panels, targets, variables.
import { readdirSync, readFileSync } from 'node:fs';

export const DASHBOARD_DIR = new URL('../../dashboards/', import.meta.url);

export interface Target {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type?: string; uid?: string };
  fieldConfig?: { defaults?: { unit?: string } };
  targets?: Target[];
  panels?: Panel[];
}

export interface TemplateVariable {
  name: string;
  type: string;
  query: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  sort?: number;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardJson {
  uid: string;
  title: string;
  tags: string[];
  time: { from: string; to: string };
  refresh: string;
  panels: Panel[];
  templating: { list: TemplateVariable[] };
}

/** Every dashboard under dashboards/, by file name. */
export function shippedDashboards(): [file: string, dashboard: DashboardJson][] {
  return readdirSync(DASHBOARD_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(new URL(file, DASHBOARD_DIR), 'utf8')) as DashboardJson]);
}

/** The panels that show data (rows flattened out, collapsed rows' panels included). */
export function dataPanels(dashboard: DashboardJson): Panel[] {
  return dashboard.panels.flatMap((panel) => (panel.type === 'row' ? (panel.panels ?? []) : [panel]));
}

/** Every PromQL expression of the panels, with where it sits for error messages. */
export function panelQueries(dashboard: DashboardJson): { where: string; expr: string }[] {
  return dataPanels(dashboard).flatMap((panel) =>
    (panel.targets ?? []).map((t) => ({
      where: `${dashboard.uid} › ${panel.title} › ${t.refId}`,
      expr: t.expr,
    })),
  );
}

export const queryVariables = (dashboard: DashboardJson) =>
  dashboard.templating.list.filter((variable) => variable.type === 'query');

/** `label_values(selector, label)` as Grafana's Prometheus data source writes it. */
export function parseLabelValues(query: string): { selector: string; label: string } {
  const match = /^label_values\((.+),\s*(\w+)\)$/.exec(query.trim());
  if (!match) throw new Error(`not a label_values(selector, label) query: ${query}`);
  return { selector: match[1]!, label: match[2]! };
}

/**
 * Replaces `$name` and `${name}` as Grafana does before sending a query; a variable with no value
 * is an error, so a misspelt one cannot slip through as literal text.
 */
export function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = values[name];
    if (value === undefined) throw new Error(`no value for $${name} in ${text}`);
    return value;
  });
}
