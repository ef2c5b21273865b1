import { dashboard, selector, timeseries, type Variable } from './grafana.js';
import { deviceGraphs, hmc, rate, system, vios } from './variables.js';

const chain: Variable[] = [hmc(false), system(false), vios(true)];
const on = (metric: string, ...extra: string[]) => selector(metric, chain, ...extra);
const perSecond = (metric: string) => rate(on(metric));

/** Throughput, packets and drops of the VIOS Ethernet adapters of one type (sea, physical). */
function ethernet(type: string, what: string) {
  // Adapters of the type, told by their _info series; rate() must see the counter itself, so filter after it.
  const ofType = (metric: string) =>
    `${perSecond(metric)} and on (hmc, system, vios, adapter) ${on('powervm_vios_network_adapter_info', `type="${type}"`)}`;
  const graph = deviceGraphs('vios, adapter', ofType);
  return [
    graph(
      `${what} throughput`,
      'Bytes received and sent per adapter.',
      'Bps',
      ['powervm_vios_network_receive_bytes_total', '{{vios}} {{adapter}} received'],
      ['powervm_vios_network_transmit_bytes_total', '{{vios}} {{adapter}} sent'],
    ),
    graph(
      `${what} packets`,
      'Packets received and sent per adapter.',
      'pps',
      ['powervm_vios_network_receive_packets_total', '{{vios}} {{adapter}} received'],
      ['powervm_vios_network_transmit_packets_total', '{{vios}} {{adapter}} sent'],
    ),
    graph(
      `${what} dropped packets`,
      'Packets dropped per adapter (PowerVM does not tell the direction).',
      'pps',
      ['powervm_vios_network_receive_dropped_packets_total', '{{vios}} {{adapter}}'],
    ),
  ];
}

/** Throughput and operations of the VIOS block adapters of one family (fc, storage). */
function block(family: 'fc' | 'storage', what: string) {
  const metric = (direction: string, quantity: string) =>
    `powervm_vios_${family}_${direction}_${quantity}_total`;
  const graph = deviceGraphs('vios, adapter', perSecond);
  return [
    graph(
      `${what} throughput`,
      'Bytes read and written per adapter.',
      'Bps',
      [metric('read', 'bytes'), '{{vios}} {{adapter}} read'],
      [metric('write', 'bytes'), '{{vios}} {{adapter}} written'],
    ),
    graph(
      `${what} operations`,
      'Read and write operations per adapter.',
      'iops',
      [metric('read', 'operations'), '{{vios}} {{adapter}} reads'],
      [metric('write', 'operations'), '{{vios}} {{adapter}} writes'],
    ),
  ];
}

export const viosDashboard = dashboard({
  uid: 'powervm-vios',
  title: 'PowerVM / Virtual I/O Servers',
  description:
    'The VIOSes of one managed system: processor, memory, Shared Ethernet and physical network, Fibre Channel and storage adapters.',
  chain,
  rows: [
    {
      title: 'Processor and memory',
      panels: [
        timeseries({
          title: 'Cores used vs entitled',
          description:
            'Cores used within the entitlement (capped) and beyond it (uncapped), against the entitlement.',
          unit: 'suffix: cores',
          min: 0,
          queries: [
            {
              expr: `sum by (vios, mode) (${perSecond('powervm_vios_cpu_seconds_total')})`,
              legend: '{{vios}} {{mode}}',
            },
            { expr: on('powervm_vios_cpu_entitled_cores'), legend: '{{vios}} entitled' },
            { expr: on('powervm_vios_virtual_processors'), legend: '{{vios}} virtual processors' },
          ],
        }),
        timeseries({
          title: 'Utilisation of entitlement',
          description:
            'Busy time ÷ entitlement per console sample, and cores used ÷ entitlement over 5 minutes (recording rule). Above 100 % only when uncapped.',
          unit: 'percentunit',
          min: 0,
          queries: [
            { expr: on('powervm_vios_cpu_utilization_ratio'), legend: '{{vios}} busy, per sample' },
            {
              expr: on('hmc_system_vios:powervm_vios_cpu_seconds_per_entitled_seconds:ratio_rate5m'),
              legend: '{{vios}} consumed, 5 m',
            },
          ],
        }),
        timeseries({
          title: 'Memory',
          description: 'Memory assigned to each VIOS and memory in use inside it.',
          unit: 'bytes',
          min: 0,
          queries: [
            { expr: on('powervm_vios_memory_assigned_bytes'), legend: '{{vios}} assigned' },
            { expr: on('powervm_vios_memory_used_bytes'), legend: '{{vios}} used' },
          ],
        }),
        timeseries({
          title: 'Memory used',
          description: 'Memory in use ÷ memory assigned (recording rule).',
          unit: 'percentunit',
          min: 0,
          max: 1,
          queries: [
            {
              expr: on('hmc_system_vios:powervm_vios_memory_used_bytes_per_assigned_bytes:ratio'),
              legend: '{{vios}}',
            },
          ],
        }),
      ],
    },
    { title: 'Shared Ethernet adapters', panels: ethernet('sea', 'SEA') },
    { title: 'Physical Ethernet adapters', panels: ethernet('physical', 'Physical Ethernet') },
    {
      title: 'Fibre Channel ports',
      panels: [
        ...block('fc', 'Fibre Channel port'),
        timeseries({
          title: 'Fibre Channel port load',
          description:
            'Bytes read and written ÷ running speed, over 5 minutes (recording rule); ports without link are left out.',
          unit: 'percentunit',
          width: 8,
          min: 0,
          queries: [
            {
              expr: on('hmc_system_vios_adapter:powervm_vios_fc_bytes_per_speed_bytes:ratio_rate5m'),
              legend: '{{vios}} {{adapter}}',
            },
          ],
        }),
      ],
    },
    { title: 'Storage adapters', panels: block('storage', 'Storage adapter') },
  ],
});
