import { timeseries, type Unit, type Variable } from './grafana.js';

/**
 * The chain every dashboard filters by: console → managed system → partition or VIOS, each listed
 * from a series that exists as soon as the exporter has seen it (health and _info metrics).
 */
export const hmc = (multi: boolean): Variable => ({
  name: 'hmc',
  label: 'Console',
  metric: 'powervm_up',
  multi,
});
export const system = (multi: boolean): Variable => ({
  name: 'system',
  label: 'Managed system',
  // powervm_system_up, unlike _info, is there for a system whose polls fail.
  metric: 'powervm_system_up',
  multi,
});
export const lpar: Variable = { name: 'lpar', label: 'LPAR', metric: 'powervm_lpar_info', multi: false };
export const vios = (multi: boolean): Variable => ({
  name: 'vios',
  label: 'VIOS',
  metric: 'powervm_vios_info',
  multi,
});

/** `rate(metric{…}[$__rate_interval])`: Grafana widens the window to at least four scrapes. */
export const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

/**
 * A maker of graphs of device counters (received/sent, read/written) as per-second rates summed
 * `by` the labels naming the device; `perSecond` turns a metric name into its rate expression.
 */
export const deviceGraphs =
  (by: string, perSecond: (metric: string) => string, width = 8) =>
  (title: string, description: string, unit: Unit, ...counters: [metric: string, legend: string][]) =>
    timeseries({
      title,
      description,
      unit,
      width,
      queries: counters.map(([metric, legend]) => ({
        expr: `sum by (${by}) (${perSecond(metric)})`,
        legend,
      })),
    });
