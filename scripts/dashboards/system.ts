import { bars, dashboard, gauge, selector, stat, timeseries, type Variable } from './grafana.js';
import { hmc, rate, system } from './variables.js';

const chain: Variable[] = [hmc(false), system(false)];
const on = (metric: string, ...extra: string[]) => selector(metric, chain, ...extra);

/** The ten LPARs with the most of `perLpar` (an expression summed by lpar). */
const top = (perLpar: string) => `topk(10, sum by (lpar) (${perLpar}))`;

export const managedSystem = dashboard({
  uid: 'powervm-system',
  title: 'PowerVM / Managed system',
  description: 'One managed system: processor and memory capacity, shared processor pools, busiest LPARs.',
  chain,
  rows: [
    {
      title: 'Capacity',
      panels: [
        stat({
          title: 'Processor units',
          description:
            'Installed, configurable (usable by partitions) and available (not assigned) processor units.',
          unit: 'suffix: cores',
          width: 6,
          queries: [
            { expr: on('powervm_system_cpu_installed_cores'), legend: 'installed' },
            { expr: on('powervm_system_cpu_configurable_cores'), legend: 'configurable' },
            { expr: on('powervm_system_cpu_available_cores'), legend: 'available' },
          ],
        }),
        stat({
          title: 'Memory',
          description: 'Installed, configurable, available (not assigned) and firmware-reserved memory.',
          unit: 'bytes',
          width: 6,
          queries: [
            { expr: on('powervm_system_memory_installed_bytes'), legend: 'installed' },
            { expr: on('powervm_system_memory_configurable_bytes'), legend: 'configurable' },
            { expr: on('powervm_system_memory_available_bytes'), legend: 'available' },
            { expr: on('powervm_system_memory_firmware_bytes'), legend: 'firmware' },
          ],
        }),
        gauge({
          title: 'CPU utilisation',
          description:
            'Share of the configurable processor capacity used by partitions and firmware in the last sample.',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [{ expr: on('powervm_system_cpu_utilization_ratio'), legend: 'used' }],
        }),
        gauge({
          title: 'Processors assigned',
          description: 'Share of configurable processor units assigned to partitions (recording rule).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system:powervm_system_cpu_assigned_cores_per_configurable_cores:ratio'),
              legend: 'assigned',
            },
          ],
        }),
        gauge({
          title: 'Memory assigned',
          description: 'Share of configurable memory assigned to partitions (recording rule).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system:powervm_system_memory_assigned_bytes_per_configurable_bytes:ratio'),
              legend: 'assigned',
            },
          ],
        }),
      ],
    },
    {
      title: 'Processors and memory',
      panels: [
        timeseries({
          title: 'Processor units',
          description:
            'Configurable, assigned (configurable − available) and available units, against the cores LPARs and firmware actually use.',
          unit: 'suffix: cores',
          min: 0,
          queries: [
            { expr: on('powervm_system_cpu_configurable_cores'), legend: 'configurable' },
            {
              expr: `${on('powervm_system_cpu_configurable_cores')} - ${on('powervm_system_cpu_available_cores')}`,
              legend: 'assigned',
            },
            { expr: on('powervm_system_cpu_available_cores'), legend: 'available' },
            { expr: `sum(${rate(on('powervm_lpar_cpu_seconds_total'))})`, legend: 'used by LPARs' },
            { expr: rate(on('powervm_system_firmware_cpu_seconds_total')), legend: 'used by firmware' },
          ],
        }),
        timeseries({
          title: 'Memory',
          description:
            'Configurable, assigned (configurable − available), available and firmware-reserved memory.',
          unit: 'bytes',
          min: 0,
          queries: [
            { expr: on('powervm_system_memory_configurable_bytes'), legend: 'configurable' },
            {
              expr: `${on('powervm_system_memory_configurable_bytes')} - ${on('powervm_system_memory_available_bytes')}`,
              legend: 'assigned',
            },
            { expr: on('powervm_system_memory_available_bytes'), legend: 'available' },
            { expr: on('powervm_system_memory_firmware_bytes'), legend: 'firmware' },
          ],
        }),
      ],
    },
    {
      title: 'Shared processor pools',
      panels: [
        timeseries({
          title: 'Pool cores',
          description:
            "Cores used by each pool's partitions, against the pool's maximum and what it borrowed.",
          unit: 'suffix: cores',
          width: 8,
          min: 0,
          queries: [
            { expr: rate(on('powervm_shared_pool_cpu_seconds_total')), legend: '{{pool}} used' },
            { expr: on('powervm_shared_pool_max_cores'), legend: '{{pool}} maximum' },
            { expr: on('powervm_shared_pool_borrowed_cores'), legend: '{{pool}} borrowed' },
          ],
        }),
        timeseries({
          title: 'Pool utilisation',
          description:
            "Share of each pool's assigned processor time its partitions used, over 5 minutes (recording rule).",
          unit: 'percentunit',
          width: 8,
          min: 0,
          queries: [
            {
              expr: on('hmc_system_pool:powervm_shared_pool_cpu_seconds_per_assigned_seconds:ratio_rate5m'),
              legend: '{{pool}}',
            },
          ],
        }),
        bars({
          title: 'Pool sizes',
          description: 'Maximum processor units of each shared pool.',
          unit: 'suffix: cores',
          queries: [{ expr: on('powervm_shared_pool_max_cores'), legend: '{{pool}}' }],
        }),
      ],
    },
    {
      title: 'Busiest LPARs',
      panels: [
        timeseries({
          title: 'Top LPARs by cores used',
          description: 'Physical cores consumed (capped + uncapped), ten busiest partitions.',
          unit: 'suffix: cores',
          min: 0,
          queries: [{ expr: top(rate(on('powervm_lpar_cpu_seconds_total'))), legend: '{{lpar}}' }],
        }),
        timeseries({
          title: 'Top LPARs by entitlement consumed',
          description:
            'Cores used ÷ entitled cores over 5 minutes (recording rule); above 100 % an uncapped partition borrows from its pool.',
          unit: 'percentunit',
          min: 0,
          queries: [
            {
              expr: `topk(10, ${on('hmc_system_lpar:powervm_lpar_cpu_seconds_per_entitled_seconds:ratio_rate5m')})`,
              legend: '{{lpar}}',
            },
          ],
        }),
        timeseries({
          title: 'Top LPARs by network traffic',
          description: 'Bytes received plus sent on all virtual Ethernet adapters of the partition.',
          unit: 'Bps',
          min: 0,
          queries: [
            {
              expr: top(
                `${rate(on('powervm_lpar_network_receive_bytes_total'))} + ${rate(on('powervm_lpar_network_transmit_bytes_total'))}`,
              ),
              legend: '{{lpar}}',
            },
          ],
        }),
        timeseries({
          title: 'Top LPARs by disk throughput',
          description: 'Bytes read plus written through all virtual disk adapters of the partition.',
          unit: 'Bps',
          min: 0,
          queries: [
            {
              expr: top(
                `${rate(on('powervm_lpar_disk_read_bytes_total'))} + ${rate(on('powervm_lpar_disk_write_bytes_total'))}`,
              ),
              legend: '{{lpar}}',
            },
          ],
        }),
      ],
    },
  ],
});
