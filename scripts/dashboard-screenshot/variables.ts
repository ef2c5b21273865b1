import type { Variable } from './dashboard.js';
import type { PrometheusApi } from './prometheus-api.js';

/**
 * Grafana's built-in variables for a rendering over `rangeSeconds` by `stepSeconds`, with data
 * every `dataSeconds`. Grafana's $__rate_interval is four scrapes; here scrapes come faster than
 * the data changes, and a window of only four changes shows as a sawtooth: it is `ratePoints`.
 */
export function builtins(
  rangeSeconds: number,
  stepSeconds: number,
  dataSeconds: number,
  ratePoints: number,
): Map<string, string> {
  const rate = Math.max(ratePoints * dataSeconds, stepSeconds + dataSeconds);
  return new Map([
    ['__interval', `${stepSeconds}s`],
    ['__interval_ms', String(stepSeconds * 1000)],
    ['__rate_interval', `${rate}s`],
    ['__range', `${rangeSeconds}s`],
    ['__range_s', String(rangeSeconds)],
    ['__range_ms', String(rangeSeconds * 1000)],
  ]);
}

const REFERENCE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/** `text` with every $var, ${var}, ${var:format} and [[var]] replaced by its value; unknown ones stay. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(
    REFERENCE,
    (whole, a?: string, b?: string, c?: string) => values.get(a ?? b ?? c ?? '') ?? whole,
  );
}

/**
 * The value of each dashboard variable, in order (a variable may use those before it): the one
 * `chosen`, else the first, as Grafana selects on opening the dashboard with no saved selection.
 */
export async function resolveVariables(
  variables: readonly Variable[],
  prometheus: PrometheusApi,
  known: ReadonlyMap<string, string>,
  chosen: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const values = new Map(known);
  for (const variable of variables) {
    const value =
      chosen.get(variable.name) ??
      (await firstValue(variable, substitute(variable.query, values), prometheus));
    if (value === undefined)
      throw new Error(`variable $${variable.name}: no value (query: ${variable.query})`);
    values.set(variable.name, value);
  }
  return values;
}

async function firstValue(
  variable: Variable,
  query: string,
  prometheus: PrometheusApi,
): Promise<string | undefined> {
  switch (variable.type) {
    case 'custom':
      return query.split(',')[0]?.trim();
    case 'constant':
    case 'textbox':
      return query;
    case 'interval':
      return query.split(',')[0]?.trim();
    case 'datasource':
      return 'prometheus';
    case 'query':
      return (await queryValues(query, prometheus)).sort()[0];
    default:
      throw new Error(`variable $${variable.name}: type '${variable.type}' is not supported`);
  }
}

/** Grafana's Prometheus variable queries label_values(label) and label_values(selector, label). */
async function queryValues(query: string, prometheus: PrometheusApi): Promise<string[]> {
  const labelValues = /^\s*label_values\(\s*(?:(.*),\s*)?(\w+)\s*\)\s*$/.exec(query);
  if (labelValues) return prometheus.labelValues(labelValues[2]!, labelValues[1]);
  throw new Error(`variable query '${query}': only label_values(…) is supported`);
}
