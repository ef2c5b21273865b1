import type { CpuReading } from '../inspector/index.js';
import { row, type AnyMetricRow, type Entities } from './row.js';
import { bytesFromMb, bytesPerSecondFromGbit, label, ratio, seconds } from './units.js';

/**
 * The product's metrics, each defined once: the only place their names, units, help and Ceilometer
 * meters are written. Sinks loop over these rows; docs/metrics.md is generated from them.
 */

const cpuRows = <E extends 'lpar' | 'vios'>(entity: E, what: string) => {
  type R = Entities[E] & CpuReading;
  const prefix = `powervm_${entity}`;
  return [
    row<E>({
      entity,
      name: `${prefix}_cpu_seconds_total`,
      kind: 'counter',
      unit: 's',
      help: `Processor time used by the ${what}, within its entitlement (mode="capped") and beyond it (mode="uncapped"); rate() gives cores in use.`,
      series: [
        { labels: { mode: 'capped' }, value: (r) => seconds((r as R).cpu_capped_time) },
        { labels: { mode: 'uncapped' }, value: (r) => seconds((r as R).cpu_uncapped_time) },
      ],
      ceilometer:
        entity === 'lpar'
          ? [{ meter: 'cpu', type: 'cumulative', unit: 'ns', volume: (r) => (r as R).cpu_time }]
          : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_cpu_entitled_seconds_total`,
      kind: 'counter',
      unit: 's',
      help: `Processor time the ${what} was entitled to.`,
      series: [{ value: (r) => seconds((r as R).cpu_entitled_time) }],
    }),
    row<E>({
      entity,
      name: `${prefix}_cpu_idle_seconds_total`,
      kind: 'counter',
      unit: 's',
      help: `Processor time the ${what}'s operating system reported idle (counted inside capped time).`,
      series: [{ value: (r) => seconds((r as R).cpu_idle_time) }],
    }),
    row<E>({
      entity,
      name: `${prefix}_cpu_donated_seconds_total`,
      kind: 'counter',
      unit: 's',
      help: `Processor time the ${what} donated to the shared pool (dedicated processors).`,
      series: [{ value: (r) => seconds((r as R).cpu_donated_time) }],
    }),
    row<E>({
      entity,
      name: `${prefix}_cpu_utilization_ratio`,
      kind: 'gauge',
      unit: '1',
      help: `Share of the ${what}'s entitlement used during the last sample interval ((capped + uncapped − idle − donated) ÷ entitled); above 1 when an uncapped partition borrows from the pool.`,
      series: [{ value: (r) => ratio((r as R).cpu_util) }],
      ceilometer:
        entity === 'lpar'
          ? [{ meter: 'cpu_util', type: 'gauge', unit: '%', volume: (r) => (r as R).cpu_util, legacy: true }]
          : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_virtual_processors`,
      kind: 'gauge',
      unit: '{processor}',
      help: `Virtual processors of the ${what}.`,
      series: [{ value: (r) => (r as R).cpu_number }],
      ceilometer:
        entity === 'lpar'
          ? [{ meter: 'vcpus', type: 'gauge', unit: 'vcpu', volume: (r) => (r as R).cpu_number }]
          : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_cpu_entitled_cores`,
      kind: 'gauge',
      unit: '{core}',
      help: `Processor units (cores) the ${what} is entitled to.`,
      series: [{ value: (r) => (r as R).proc_units }],
    }),
  ];
};

const io = <E extends 'disk' | 'viosFc' | 'viosStorage'>(entity: E, prefix: string, what: string) => [
  row<E>({
    entity,
    name: `${prefix}_read_bytes_total`,
    kind: 'counter',
    unit: 'By',
    help: `Bytes read through ${what}.`,
    series: [{ value: (r) => r.read_bytes }],
    ceilometer:
      entity === 'disk'
        ? [{ meter: 'disk.device.read.bytes', type: 'cumulative', unit: 'B', volume: (r) => r.read_bytes }]
        : undefined,
  }),
  row<E>({
    entity,
    name: `${prefix}_write_bytes_total`,
    kind: 'counter',
    unit: 'By',
    help: `Bytes written through ${what}.`,
    series: [{ value: (r) => r.write_bytes }],
    ceilometer:
      entity === 'disk'
        ? [{ meter: 'disk.device.write.bytes', type: 'cumulative', unit: 'B', volume: (r) => r.write_bytes }]
        : undefined,
  }),
  row<E>({
    entity,
    name: `${prefix}_read_operations_total`,
    kind: 'counter',
    unit: '{operation}',
    help: `Read operations through ${what}.`,
    series: [{ value: (r) => r.read_requests }],
    ceilometer:
      entity === 'disk'
        ? [
            {
              meter: 'disk.device.read.requests',
              type: 'cumulative',
              unit: 'request',
              volume: (r) => r.read_requests,
            },
            {
              meter: 'disk.device.iops',
              type: 'gauge',
              unit: 'count/s',
              volume: (r) => (r as Entities['disk']).iops,
              legacy: true,
            },
          ]
        : undefined,
  }),
  row<E>({
    entity,
    name: `${prefix}_write_operations_total`,
    kind: 'counter',
    unit: '{operation}',
    help: `Write operations through ${what}.`,
    series: [{ value: (r) => r.write_requests }],
    ceilometer:
      entity === 'disk'
        ? [
            {
              meter: 'disk.device.write.requests',
              type: 'cumulative',
              unit: 'request',
              volume: (r) => r.write_requests,
            },
          ]
        : undefined,
  }),
];

const ethernet = <E extends 'vnic' | 'viosNetwork'>(
  entity: E,
  prefix: string,
  what: string,
  ceilometer: boolean,
) => {
  const vnic = (r: Entities[E]) => r as Entities['vnic'];
  return [
    row<E>({
      entity,
      name: `${prefix}_receive_bytes_total`,
      kind: 'counter',
      unit: 'By',
      help: `Bytes received by ${what}.`,
      series: [{ value: (r) => r.rx_bytes }],
      ceilometer: ceilometer
        ? [
            { meter: 'network.incoming.bytes', type: 'cumulative', unit: 'B', volume: (r) => r.rx_bytes },
            {
              meter: 'network.incoming.bytes.rate',
              type: 'gauge',
              unit: 'B/s',
              volume: (r) => vnic(r).rx_bytes_rate,
              legacy: true,
            },
          ]
        : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_transmit_bytes_total`,
      kind: 'counter',
      unit: 'By',
      help: `Bytes sent by ${what}.`,
      series: [{ value: (r) => r.tx_bytes }],
      ceilometer: ceilometer
        ? [
            { meter: 'network.outgoing.bytes', type: 'cumulative', unit: 'B', volume: (r) => r.tx_bytes },
            {
              meter: 'network.outgoing.bytes.rate',
              type: 'gauge',
              unit: 'B/s',
              volume: (r) => vnic(r).tx_bytes_rate,
              legacy: true,
            },
          ]
        : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_receive_packets_total`,
      kind: 'counter',
      unit: '{packet}',
      help: `Packets received by ${what}.`,
      series: [{ value: (r) => r.rx_packets }],
      ceilometer: ceilometer
        ? [
            {
              meter: 'network.incoming.packets',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => r.rx_packets,
            },
            {
              meter: 'network.incoming.packets.error',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => vnic(r).rx_errors,
            },
          ]
        : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_transmit_packets_total`,
      kind: 'counter',
      unit: '{packet}',
      help: `Packets sent by ${what}.`,
      series: [{ value: (r) => r.tx_packets }],
      ceilometer: ceilometer
        ? [
            {
              meter: 'network.outgoing.packets',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => r.tx_packets,
            },
            {
              meter: 'network.outgoing.packets.error',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => vnic(r).tx_errors,
            },
          ]
        : undefined,
    }),
    row<E>({
      entity,
      name: `${prefix}_receive_dropped_packets_total`,
      kind: 'counter',
      unit: '{packet}',
      help: `Packets dropped by ${what} (PowerVM does not tell the direction; all drops count here).`,
      series: [{ value: (r) => r.rx_drop }],
      ceilometer: ceilometer
        ? [
            {
              meter: 'network.incoming.packets.drop',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => r.rx_drop,
            },
            {
              meter: 'network.outgoing.packets.drop',
              type: 'cumulative',
              unit: 'packet',
              volume: (r) => vnic(r).tx_drop,
            },
          ]
        : undefined,
    }),
  ];
};

export const METRICS = [
  // Managed systems and shared processor pools
  row({
    entity: 'system',
    name: 'powervm_system_info',
    kind: 'gauge',
    unit: '',
    help: 'Managed system identity (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (s) => ({ system_uuid: s.uuid, mtms: label(s.mtms) }),
  }),
  ...(
    [
      ['powervm_system_cpu_installed_cores', 'Processor units installed.', (s) => s.cpu_installed_cores],
      [
        'powervm_system_cpu_configurable_cores',
        'Processor units usable by partitions.',
        (s) => s.cpu_configurable_cores,
      ],
      [
        'powervm_system_cpu_available_cores',
        'Processor units not assigned to any partition.',
        (s) => s.cpu_available_cores,
      ],
    ] as const satisfies readonly (readonly [string, string, (s: Entities['system']) => number | null])[]
  ).map(([name, help, value]) =>
    row({ entity: 'system', name, kind: 'gauge', unit: '{core}', help, series: [{ value }] }),
  ),
  ...(
    [
      ['powervm_system_memory_installed_bytes', 'Memory installed.', (s) => s.memory_installed],
      [
        'powervm_system_memory_configurable_bytes',
        'Memory usable by partitions.',
        (s) => s.memory_configurable,
      ],
      [
        'powervm_system_memory_available_bytes',
        'Memory not assigned to any partition.',
        (s) => s.memory_available,
      ],
      [
        'powervm_system_memory_firmware_bytes',
        'Memory reserved by the hypervisor firmware.',
        (s) => s.memory_firmware,
      ],
    ] as const satisfies readonly (readonly [string, string, (s: Entities['system']) => number | null])[]
  ).map(([name, help, value]) =>
    row({
      entity: 'system',
      name,
      kind: 'gauge',
      unit: 'By',
      help,
      series: [{ value: (s) => bytesFromMb(value(s)) }],
    }),
  ),
  row({
    entity: 'system',
    name: 'powervm_system_firmware_cpu_seconds_total',
    kind: 'counter',
    unit: 's',
    help: 'Processor time used by the hypervisor firmware.',
    series: [{ value: (s) => seconds(s.firmware_cpu_time) }],
  }),
  row({
    entity: 'system',
    name: 'powervm_system_cpu_utilization_ratio',
    kind: 'gauge',
    unit: '1',
    help: 'Share of the configurable processor capacity used by partitions and firmware during the last sample interval.',
    series: [{ value: (s) => ratio(s.cpu_util) }],
  }),
  row({
    entity: 'pool',
    name: 'powervm_shared_pool_cpu_seconds_total',
    kind: 'counter',
    unit: 's',
    help: 'Processor time used by the partitions of the shared processor pool.',
    series: [{ value: (p) => seconds(p.utilized_time) }],
  }),
  row({
    entity: 'pool',
    name: 'powervm_shared_pool_cpu_assigned_seconds_total',
    kind: 'counter',
    unit: 's',
    help: 'Processor time assigned to the shared processor pool.',
    series: [{ value: (p) => seconds(p.assigned_time) }],
  }),
  row({
    entity: 'pool',
    name: 'powervm_shared_pool_max_cores',
    kind: 'gauge',
    unit: '{core}',
    help: 'Maximum processor units of the shared processor pool.',
    series: [{ value: (p) => p.max_cores }],
  }),
  row({
    entity: 'pool',
    name: 'powervm_shared_pool_borrowed_cores',
    kind: 'gauge',
    unit: '{core}',
    help: 'Processor units the shared processor pool borrowed.',
    series: [{ value: (p) => p.borrowed_cores }],
  }),
  row({
    entity: 'pool',
    name: 'powervm_shared_pool_utilization_ratio',
    kind: 'gauge',
    unit: '1',
    help: "Share of the pool's assigned processor time used during the last sample interval.",
    series: [{ value: (p) => ratio(p.pool_util) }],
  }),

  // Client LPARs
  row({
    entity: 'lpar',
    name: 'powervm_lpar_info',
    kind: 'gauge',
    unit: '',
    help: 'LPAR identity and configuration (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (l) => ({
      lpar_uuid: l.lpar_uuid,
      lpar_id: label(l.lpar_id),
      type: label(l.type),
      state: label(l.state),
      proc_mode: label(l.proc_mode),
      pool_id: label(l.pool_id),
    }),
  }),
  ...cpuRows('lpar', 'LPAR'),
  row({
    entity: 'lpar',
    name: 'powervm_lpar_memory_logical_bytes',
    kind: 'gauge',
    unit: 'By',
    help: 'Memory assigned to the LPAR.',
    series: [{ value: (l) => bytesFromMb(l.memory_actual) }],
    ceilometer: [{ meter: 'memory', type: 'gauge', unit: 'MB', volume: (l) => l.memory_actual }],
  }),
  row({
    entity: 'lpar',
    name: 'powervm_lpar_memory_backed_bytes',
    kind: 'gauge',
    unit: 'By',
    help: 'Physical memory backing the LPAR.',
    series: [{ value: (l) => bytesFromMb(l.memory_resident) }],
    ceilometer: [{ meter: 'memory.resident', type: 'gauge', unit: 'MB', volume: (l) => l.memory_resident }],
  }),
  row({
    entity: 'lpar',
    name: 'powervm_lpar_memory_used_bytes',
    kind: 'gauge',
    unit: 'By',
    help: 'Memory in use by the guest, file cache excluded where RMC reports it (from the RMC lpar data; absent without RMC).',
    series: [{ value: (l) => bytesFromMb(l.memory_usage) }],
    ceilometer: [{ meter: 'memory.usage', type: 'gauge', unit: 'MB', volume: (l) => l.memory_usage }],
  }),
  row({
    entity: 'vnic',
    name: 'powervm_lpar_network_adapter_info',
    kind: 'gauge',
    unit: '',
    help: 'Virtual Ethernet adapter of an LPAR (adapter = client location code; value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (v) => ({ mac: label(v.mac), vlan: label(v.vlan_id), vswitch: label(v.vswitch_id) }),
  }),
  ...ethernet('vnic', 'powervm_lpar_network', "the LPAR's virtual Ethernet adapter", true),
  row({
    entity: 'disk',
    name: 'powervm_lpar_disk_info',
    kind: 'gauge',
    unit: '',
    help: 'Virtual disk adapter of an LPAR and the VIOS adapter serving it (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (d) => ({
      adapter: d.adapter,
      type: d.type,
      vios_id: label(d.vios_id),
      location: label(d.location),
    }),
  }),
  ...io('disk', 'powervm_lpar_disk', "the LPAR's virtual disk adapter"),

  // Virtual I/O Servers
  row({
    entity: 'vios',
    name: 'powervm_vios_info',
    kind: 'gauge',
    unit: '',
    help: 'Virtual I/O Server identity (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (v) => ({ vios_uuid: v.vios_uuid, vios_id: label(v.vios_id), state: label(v.state) }),
  }),
  ...cpuRows('vios', 'VIOS'),
  row({
    entity: 'vios',
    name: 'powervm_vios_memory_assigned_bytes',
    kind: 'gauge',
    unit: 'By',
    help: 'Memory assigned to the VIOS.',
    series: [{ value: (v) => bytesFromMb(v.memory_actual) }],
  }),
  row({
    entity: 'vios',
    name: 'powervm_vios_memory_used_bytes',
    kind: 'gauge',
    unit: 'By',
    help: 'Memory in use inside the VIOS.',
    series: [{ value: (v) => bytesFromMb(v.memory_usage) }],
  }),
  ...ethernet(
    'viosNetwork',
    'powervm_vios_network',
    'the VIOS Ethernet adapter (physical, virtual or SEA; see powervm_vios_network_adapter_info)',
    false,
  ),
  row({
    entity: 'viosNetwork',
    name: 'powervm_vios_network_adapter_info',
    kind: 'gauge',
    unit: '',
    help: 'Ethernet adapter of a VIOS: type physical, virtual or sea (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (n) => ({ type: n.type, location: label(n.location) }),
  }),
  ...io('viosFc', 'powervm_vios_fc', 'the VIOS Fibre Channel port'),
  row({
    entity: 'viosFc',
    name: 'powervm_vios_fc_speed_bytes_per_second',
    kind: 'gauge',
    unit: 'By/s',
    help: 'Running speed of the VIOS Fibre Channel port.',
    series: [{ value: (f) => bytesPerSecondFromGbit(f.running_speed) }],
  }),
  row({
    entity: 'viosFc',
    name: 'powervm_vios_fc_info',
    kind: 'gauge',
    unit: '',
    help: 'Fibre Channel port of a VIOS (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (f) => ({ wwpn: label(f.wwpn), location: label(f.location) }),
  }),
  ...io(
    'viosStorage',
    'powervm_vios_storage',
    'the VIOS storage adapter (physical controller or vSCSI server adapter)',
  ),
  row({
    entity: 'viosStorage',
    name: 'powervm_vios_storage_adapter_info',
    kind: 'gauge',
    unit: '',
    help: 'Storage adapter of a VIOS: type physical or virtual (value 1).',
    series: [{ value: () => 1 }],
    infoLabels: (s) => ({ type: s.type, location: label(s.location) }),
  }),
] as const satisfies readonly AnyMetricRow[];
