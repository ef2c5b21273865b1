import { bars, dashboard, gauge, selector, stat, table, timeseries, type Variable } from './grafana.js';
import { hmc, rate, system } from './variables.js';

const consoles: Variable[] = [hmc(true)];
const chain: Variable[] = [hmc(true), system(true)];
const on = (metric: string, ...extra: string[]) => selector(metric, chain, ...extra);

export const fleet = dashboard({
  uid: 'powervm-fleet',
  title: 'PowerVM / Fleet',
  description:
    'Consoles and managed systems watched by powervm-exporter: health, freshness of collection and capacity.',
  chain,
  rows: [
    {
      title: 'Overview',
      panels: [
        stat({
          title: 'Consoles up',
          description: 'Consoles that answered the last logon and discovery, out of those configured.',
          unit: 'none',
          queries: [
            { expr: `sum(${selector('powervm_up', consoles)})`, legend: 'up' },
            { expr: `count(${selector('powervm_up', consoles)})`, legend: 'configured' },
          ],
        }),
        stat({
          title: 'Systems collecting',
          description: 'Managed systems whose last poll succeeded, out of those discovered.',
          unit: 'none',
          queries: [
            { expr: `sum(${on('powervm_system_up')})`, legend: 'up' },
            { expr: `count(${on('powervm_system_up')})`, legend: 'discovered' },
          ],
        }),
        stat({
          title: 'Partitions',
          description: 'LPARs and Virtual I/O Servers on the selected systems.',
          unit: 'none',
          queries: [
            { expr: `count(${on('powervm_lpar_info')})`, legend: 'LPARs' },
            { expr: `count(${on('powervm_vios_info')})`, legend: 'VIOSes' },
          ],
        }),
        stat({
          title: 'Oldest sample',
          description:
            'The largest sample age across the selected systems. Consoles publish every 30 s; several minutes means collection is stuck.',
          unit: 's',
          queries: [{ expr: `max(${on('powervm_sample_age_seconds')})`, legend: 'age' }],
          thresholds: [
            { color: 'green', value: null },
            { color: 'orange', value: 120 },
            { color: 'red', value: 300 },
          ],
        }),
        bars({
          title: 'LPARs by state',
          description: 'Partition states as the console reports them.',
          unit: 'none',
          width: 8,
          height: 4,
          queries: [{ expr: `count by (state) (${on('powervm_lpar_info')})`, legend: '{{state}}' }],
        }),
      ],
    },
    {
      title: 'Consoles',
      panels: [
        timeseries({
          title: 'Console up',
          description: 'Whether each console answered the last logon and discovery.',
          unit: 'bool_on_off',
          min: 0,
          max: 1,
          queries: [{ expr: selector('powervm_up', consoles), legend: '{{hmc}}' }],
        }),
        timeseries({
          title: 'Console requests',
          description: 'Requests the exporter sent to each console, by HTTP status or failure kind.',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (hmc, code) (${rate(selector('powervm_console_requests_total', consoles))})`,
              legend: '{{hmc}} {{code}}',
            },
          ],
        }),
      ],
    },
    {
      title: 'Managed systems: health and freshness',
      panels: [
        table({
          title: 'Managed systems',
          description:
            'Every managed system the consoles listed: whether its last poll succeeded, and the age of its newest sample.',
          unit: 'bool_on_off',
          columns: [
            { title: 'Collecting', unit: 'bool_on_off' },
            { title: 'Sample age', unit: 's' },
          ],
          queries: [
            { expr: on('powervm_system_up'), legend: '{{system}}', instant: true },
            { expr: on('powervm_sample_age_seconds'), legend: '{{system}}', instant: true },
          ],
        }),
        timeseries({
          title: 'Sample age',
          description: "Age of each system's newest PCM sample when it was read.",
          unit: 's',
          width: 8,
          queries: [{ expr: on('powervm_sample_age_seconds'), legend: '{{system}}' }],
        }),
        timeseries({
          title: 'Poll duration',
          description: "Duration of the last poll of each system's performance data.",
          unit: 's',
          width: 8,
          queries: [{ expr: on('powervm_collect_duration_seconds'), legend: '{{system}}' }],
        }),
        timeseries({
          title: 'Long-term monitoring',
          description:
            'Whether long-term monitoring (LTM) is switched on for each system; without it no data comes.',
          unit: 'bool_on_off',
          width: 8,
          min: 0,
          max: 1,
          queries: [{ expr: on('powervm_pcm_enabled', 'monitor="ltm"'), legend: '{{system}}' }],
        }),
      ],
    },
    {
      title: 'Capacity',
      panels: [
        timeseries({
          title: 'System CPU utilisation',
          description: 'Share of the configurable processor capacity used by partitions and firmware.',
          unit: 'percentunit',
          min: 0,
          queries: [{ expr: on('powervm_system_cpu_utilization_ratio'), legend: '{{system}}' }],
        }),
        timeseries({
          title: 'Cores in use by partitions',
          description: 'Physical cores consumed by the LPARs of each system (VIOSes not included).',
          unit: 'suffix: cores',
          min: 0,
          queries: [
            {
              expr: `sum by (hmc, system) (${rate(on('powervm_lpar_cpu_seconds_total'))})`,
              legend: '{{system}}',
            },
          ],
        }),
        gauge({
          title: 'Processors assigned',
          description: 'Share of configurable processor units assigned to partitions (recording rule).',
          unit: 'percentunit',
          width: 12,
          height: 6,
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system:powervm_system_cpu_assigned_cores_per_configurable_cores:ratio'),
              legend: '{{system}}',
            },
          ],
        }),
        gauge({
          title: 'Memory assigned',
          description: 'Share of configurable memory assigned to partitions (recording rule).',
          unit: 'percentunit',
          width: 12,
          height: 6,
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system:powervm_system_memory_assigned_bytes_per_configurable_bytes:ratio'),
              legend: '{{system}}',
            },
          ],
        }),
      ],
    },
  ],
});
