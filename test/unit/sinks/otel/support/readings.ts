import type {
  CpuReading,
  DiskReading,
  LparReading,
  PoolReading,
  Readings,
  SystemReading,
  ViosReading,
  VnicReading,
} from '../../../../../src/inspector/index.js';

/** Readings built by hand, every field set, so each row of the table has a value to show. */

export const cpu = (overrides: Partial<CpuReading> = {}): CpuReading => ({
  cpu_number: 4,
  proc_units: 0.5,
  cpu_time: 3e9,
  cpu_capped_time: 2e9,
  cpu_uncapped_time: 1e9,
  cpu_entitled_time: 5e9,
  cpu_idle_time: 5e8,
  cpu_donated_time: 0,
  cpu_util: 50,
  ...overrides,
});

export const vnic = (name: string, overrides: Partial<VnicReading> = {}): VnicReading => ({
  name,
  mac: '8E:7A:00:00:00:01',
  vlan_id: 1,
  vswitch_id: 0,
  rx_bytes: 1000,
  rx_packets: 10,
  rx_drop: 1,
  rx_errors: 0,
  tx_bytes: 2000,
  tx_packets: 20,
  tx_drop: 0,
  tx_errors: 0,
  rx_bytes_rate: 33,
  tx_bytes_rate: 66,
  ...overrides,
});

export const disk = (device: string, overrides: Partial<DiskReading> = {}): DiskReading => ({
  device,
  adapter: device.split('-')[1] ?? device,
  type: 'vscsi',
  vios_id: 1,
  location: 'U8247.22L.2125D4A-V2-C3',
  read_requests: 5,
  read_bytes: 4096,
  write_requests: 6,
  write_bytes: 8192,
  errors: 0,
  iops: 0.4,
  ...overrides,
});

export const lpar = (name: string, overrides: Partial<LparReading> = {}): LparReading => ({
  ...cpu(),
  lpar_uuid: `uuid-${name}`,
  lpar_name: name,
  lpar_id: 2,
  state: 'Running',
  type: 'aixlinux',
  proc_mode: 'uncap',
  pool_id: 0,
  weight: 128,
  memory_actual: 8192,
  memory_resident: 8192,
  memory_usage: 4096,
  vnics: [vnic(`${name}-C2`)],
  disks: [disk('vios1-vhost0')],
  ...overrides,
});

export const vios = (name: string, overrides: Partial<ViosReading> = {}): ViosReading => ({
  ...cpu(),
  vios_uuid: `uuid-${name}`,
  vios_name: name,
  vios_id: 1,
  state: 'Running',
  memory_actual: 4096,
  memory_usage: 2048,
  has_io_data: true,
  network: [
    {
      adapter: 'ent0',
      type: 'physical',
      location: 'U78CB.001-P1-C10-T1',
      rx_bytes: 1,
      rx_packets: 1,
      tx_bytes: 1,
      tx_packets: 1,
      rx_drop: 0,
    },
  ],
  fc: [
    {
      adapter: 'fcs0',
      wwpn: '10000090FA5371F2',
      location: 'U78CB.001-P1-C2-T1',
      running_speed: 8,
      read_requests: 1,
      read_bytes: 512,
      write_requests: 2,
      write_bytes: 1024,
    },
  ],
  storage: [
    {
      adapter: 'vhost0',
      type: 'virtual',
      location: 'U8247.22L.2125D4A-V1-C3',
      read_requests: 1,
      read_bytes: 512,
      write_requests: 2,
      write_bytes: 1024,
    },
  ],
  ...overrides,
});

export const systemReading = (overrides: Partial<SystemReading> = {}): SystemReading => ({
  uuid: 'sys-uuid',
  name: 'sys',
  mtms: '8247-22L*2125D4A',
  time: '2025-01-01T00:00:30.000Z',
  interval: 30,
  cpu_installed_cores: 20,
  cpu_configurable_cores: 20,
  cpu_available_cores: 10,
  firmware_cpu_time: 1e9,
  cpu_util: 25,
  memory_installed: 65536,
  memory_configurable: 65536,
  memory_available: 32768,
  memory_firmware: 4096,
  ...overrides,
});

export const pool = (overrides: Partial<PoolReading> = {}): PoolReading => ({
  pool_id: 0,
  name: 'DefaultPool',
  max_cores: 10,
  borrowed_cores: 0,
  assigned_time: 6e9,
  utilized_time: 3e9,
  pool_util: 50,
  ...overrides,
});

export const readings = (overrides: Partial<Readings> = {}): Readings => ({
  system: systemReading(),
  pools: [pool()],
  lpars: [lpar('lpar1')],
  vioses: [vios('vios1')],
  issues: [],
  ...overrides,
});
