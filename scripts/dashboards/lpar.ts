import { dashboard, gauge, selector, stat, timeseries, type Variable } from './grafana.js';
import { deviceGraphs, hmc, lpar, rate, system } from './variables.js';

const chain: Variable[] = [hmc(false), system(false), lpar];
const on = (metric: string, ...extra: string[]) => selector(metric, chain, ...extra);
const perSecond = (metric: string) => rate(on(metric));
const adapterGraph = deviceGraphs('adapter', perSecond);
const diskGraph = deviceGraphs('device', perSecond, 12);

export const lparDashboard = dashboard({
  uid: 'powervm-lpar',
  title: 'PowerVM / LPAR',
  description:
    'One logical partition: processor use against its entitlement, memory, and every virtual adapter.',
  chain,
  rows: [
    {
      title: 'Overview',
      panels: [
        stat({
          title: 'Configuration',
          description: 'Processor mode (cap, uncap, dedicated…) and state as the console reports them.',
          unit: 'none',
          text: 'name',
          queries: [{ expr: on('powervm_lpar_info'), legend: '{{proc_mode}} · {{state}}', instant: true }],
        }),
        stat({
          title: 'Entitled cores',
          description: 'Processor units the partition is guaranteed.',
          unit: 'suffix: cores',
          queries: [{ expr: on('powervm_lpar_cpu_entitled_cores'), legend: 'entitled' }],
        }),
        stat({
          title: 'Virtual processors',
          description: 'The most cores an uncapped partition can use.',
          unit: 'none',
          queries: [{ expr: on('powervm_lpar_virtual_processors'), legend: 'virtual processors' }],
        }),
        stat({
          title: 'Logical memory',
          description: 'Memory assigned to the partition.',
          unit: 'bytes',
          queries: [{ expr: on('powervm_lpar_memory_logical_bytes'), legend: 'logical' }],
        }),
        gauge({
          title: 'Entitlement consumed',
          description:
            'Cores used ÷ entitled cores over 5 minutes (recording rule). Uncapped partitions pass 100 % when they borrow idle cycles from the pool.',
          unit: 'percentunit',
          min: 0,
          max: 2,
          thresholds: [
            { color: 'green', value: null },
            { color: 'orange', value: 1 },
          ],
          queries: [
            {
              expr: on('hmc_system_lpar:powervm_lpar_cpu_seconds_per_entitled_seconds:ratio_rate5m'),
              legend: 'consumed',
            },
          ],
        }),
        gauge({
          title: 'Memory used',
          description: 'Memory in use by the guest ÷ logical memory (recording rule; needs RMC).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system_lpar:powervm_lpar_memory_used_bytes_per_logical_bytes:ratio'),
              legend: 'used',
            },
          ],
        }),
      ],
    },
    {
      title: 'Processor',
      panels: [
        timeseries({
          title: 'Cores used vs entitled',
          description:
            'Cores used within the entitlement (capped) and beyond it (uncapped), stacked, against the entitlement and the virtual processors that bound uncapped use.',
          unit: 'suffix: cores',
          min: 0,
          stacked: [0],
          queries: [
            { expr: `sum by (mode) (${rate(on('powervm_lpar_cpu_seconds_total'))})`, legend: '{{mode}}' },
            { expr: on('powervm_lpar_cpu_entitled_cores'), legend: 'entitled' },
            { expr: on('powervm_lpar_virtual_processors'), legend: 'virtual processors' },
          ],
        }),
        timeseries({
          title: 'Utilisation of entitlement',
          description:
            'Busy time (idle and donated time excluded) ÷ entitlement per console sample, and cores used ÷ entitlement over 5 minutes. Above 100 % only for uncapped partitions.',
          unit: 'percentunit',
          min: 0,
          queries: [
            { expr: on('powervm_lpar_cpu_utilization_ratio'), legend: 'busy, per sample' },
            {
              expr: on('hmc_system_lpar:powervm_lpar_cpu_seconds_per_entitled_seconds:ratio_rate5m'),
              legend: 'consumed, 5 m',
            },
          ],
        }),
        timeseries({
          title: 'Idle and donated',
          description:
            'Cores the operating system reported idle, and cores a dedicated partition donated to the pool.',
          unit: 'suffix: cores',
          min: 0,
          queries: [
            { expr: rate(on('powervm_lpar_cpu_idle_seconds_total')), legend: 'idle' },
            { expr: rate(on('powervm_lpar_cpu_donated_seconds_total')), legend: 'donated' },
          ],
        }),
        timeseries({
          title: 'Memory',
          description:
            'Logical memory assigned, physical memory backing it, and memory the guest uses (from RMC).',
          unit: 'bytes',
          min: 0,
          queries: [
            { expr: on('powervm_lpar_memory_logical_bytes'), legend: 'logical' },
            { expr: on('powervm_lpar_memory_backed_bytes'), legend: 'backed' },
            { expr: on('powervm_lpar_memory_used_bytes'), legend: 'used' },
          ],
        }),
      ],
    },
    {
      title: 'Network, per virtual Ethernet adapter',
      panels: [
        adapterGraph(
          'Network throughput',
          'Bytes received and sent per adapter (location code).',
          'Bps',
          ['powervm_lpar_network_receive_bytes_total', '{{adapter}} received'],
          ['powervm_lpar_network_transmit_bytes_total', '{{adapter}} sent'],
        ),
        adapterGraph(
          'Network packets',
          'Packets received and sent per adapter.',
          'pps',
          ['powervm_lpar_network_receive_packets_total', '{{adapter}} received'],
          ['powervm_lpar_network_transmit_packets_total', '{{adapter}} sent'],
        ),
        adapterGraph(
          'Dropped packets',
          'Packets dropped per adapter (PowerVM does not tell the direction).',
          'pps',
          ['powervm_lpar_network_receive_dropped_packets_total', '{{adapter}}'],
        ),
      ],
    },
    {
      title: 'Disk, per virtual disk adapter',
      panels: [
        diskGraph(
          'Disk throughput',
          'Bytes read and written per virtual SCSI or virtual Fibre Channel adapter.',
          'Bps',
          ['powervm_lpar_disk_read_bytes_total', '{{device}} read'],
          ['powervm_lpar_disk_write_bytes_total', '{{device}} written'],
        ),
        diskGraph(
          'Disk operations',
          'Read and write operations per virtual disk adapter.',
          'iops',
          ['powervm_lpar_disk_read_operations_total', '{{device}} reads'],
          ['powervm_lpar_disk_write_operations_total', '{{device}} writes'],
        ),
      ],
    },
  ],
});
