/**
 * What the inspector derives from two consecutive samples of one managed system. Field names follow
 * Ceilometer's compute inspector contract where Ceilometer has a name (cpu_time, cpu_util, rx_bytes,
 * read_requests, …) and the same style elsewhere. Units are in the names' comments and in
 * docs/inspector.md; `null` means "not derivable from these samples", never zero.
 *
 * Precision: counters arrive as JSON numbers and are kept as IEEE-754 doubles. Below 2^53 they are
 * exact; above it each is rounded to the nearest double (relative error ≤ 2^-53), so a delta of two
 * such counters is off by at most one unit in the last place of the counter (128 cycles = 0.25 µs at
 * 10^18 cycles). WWPNs, which are identifiers rather than quantities, are kept exact as bigint.
 */
export interface Readings {
  system: SystemReading;
  pools: PoolReading[];
  lpars: LparReading[];
  vioses: ViosReading[];
  /** Data problems met on the way (missing fields, counter resets, clock trouble), for logs and metrics. */
  issues: ReadingIssue[];
}

export interface ReadingIssue {
  /** Where: `system`, `lpar <name>`, `vios <name>`, … */
  scope: string;
  /** What: a JSON path such as `processor.idleProcCycles`, or a reading name. */
  field: string;
  problem: 'missing' | 'reset' | 'interval' | 'duplicate';
}

/** Processor readings shared by client LPARs and VIOSes (both come from the phyp file). */
export interface CpuReading {
  /** Virtual processors (`maxVirtualProcessors`); Ceilometer publishes it as cpu_number. */
  cpu_number: number | null;
  /** Entitled processor units (cores). */
  proc_units: number | null;
  /** ns of processor time used, capped + uncapped: Ceilometer's `cpu` meter, in real nanoseconds. */
  cpu_time: number | null;
  cpu_capped_time: number | null;
  cpu_uncapped_time: number | null;
  cpu_entitled_time: number | null;
  cpu_idle_time: number | null;
  cpu_donated_time: number | null;
  /** % of entitlement used since the previous sample; may pass 100 for uncapped partitions. */
  cpu_util: number | null;
}

export interface LparReading extends CpuReading {
  lpar_uuid: string;
  lpar_name: string;
  lpar_id: number | null;
  state: string | null;
  type: string | null;
  /** PowerVM sharing mode as the console writes it: `cap`, `uncap`, `share_idle_procs`, … */
  proc_mode: string | null;
  pool_id: number | null;
  weight: number | null;
  /** MB of memory assigned (phyp `logicalMem`). */
  memory_actual: number | null;
  /** MB of physical memory backing the partition (phyp `backedPhysicalMem`). */
  memory_resident: number | null;
  /** MB used by the guest, excluding file cache where RMC reports it (lpar file); null without RMC data. */
  memory_usage: number | null;
  vnics: VnicReading[];
  disks: DiskReading[];
}

export interface VnicReading {
  /** Client-side location code, e.g. `U8247.22L.2125D4A-V2-C2` (Ceilometer's vNIC name for PowerVM). */
  name: string;
  mac: string | null;
  vlan_id: number | null;
  vswitch_id: number | null;
  rx_bytes: number | null;
  rx_packets: number | null;
  /** PowerVM counts drops without a direction; all of them are reported here (tx_drop stays 0). */
  rx_drop: number | null;
  rx_errors: number;
  tx_bytes: number | null;
  tx_packets: number | null;
  tx_drop: number;
  tx_errors: number;
  /** B/s since the previous sample. */
  rx_bytes_rate: number | null;
  tx_bytes_rate: number | null;
}

export interface DiskReading {
  /**
   * Unique within the LPAR: `vios<id>-<server adapter>`, e.g. `vios1-vhost0`. Two VIOSes each
   * number their adapters from vhost0, so the adapter name alone collides (ceilometer-powervm let it).
   */
  device: string;
  /** The VIOS-side adapter name: `vhost0` (vSCSI) or `vfc1` (NPIV port). */
  adapter: string;
  type: 'vscsi' | 'vfc';
  vios_id: number;
  /** Client-side location code of the LPAR's adapter. */
  location: string | null;
  read_requests: number | null;
  read_bytes: number | null;
  write_requests: number | null;
  write_bytes: number | null;
  errors: number;
  /** Operations per second since the previous sample. */
  iops: number | null;
}

export interface SystemReading {
  uuid: string;
  name: string;
  mtms: string | null;
  /** ISO-8601 UTC time of the current sample. */
  time: string;
  /** Seconds between the previous and the current sample; null without a previous one. */
  interval: number | null;
  cpu_installed_cores: number | null;
  cpu_configurable_cores: number | null;
  cpu_available_cores: number | null;
  /** ns of processor time used by the hypervisor firmware. */
  firmware_cpu_time: number | null;
  /** % of the configurable capacity used by partitions and firmware since the previous sample. */
  cpu_util: number | null;
  memory_installed: number | null;
  memory_configurable: number | null;
  memory_available: number | null;
  memory_firmware: number | null;
}

export interface PoolReading {
  pool_id: number;
  name: string;
  max_cores: number | null;
  borrowed_cores: number | null;
  /** ns of processor time assigned to / used by the pool. */
  assigned_time: number | null;
  utilized_time: number | null;
  /** % of assigned cycles used since the previous sample. */
  pool_util: number | null;
}

export interface ViosReading extends CpuReading {
  vios_uuid: string;
  vios_name: string;
  vios_id: number | null;
  state: string | null;
  /** MB assigned (phyp) and in use inside the VIOS (vios file). */
  memory_actual: number | null;
  memory_usage: number | null;
  /** False when the console had no vios file for this instant: adapter lists are then empty. */
  has_io_data: boolean;
  network: ViosNetworkReading[];
  fc: FcReading[];
  storage: ViosStorageReading[];
}

export interface IoCounters {
  read_requests: number | null;
  read_bytes: number | null;
  write_requests: number | null;
  write_bytes: number | null;
}

export interface ViosNetworkReading {
  adapter: string;
  /** `physical`, `virtual` or `sea`. */
  type: string;
  location: string | null;
  rx_bytes: number | null;
  rx_packets: number | null;
  tx_bytes: number | null;
  tx_packets: number | null;
  rx_drop: number | null;
}

export interface FcReading extends IoCounters {
  adapter: string;
  wwpn: string | null;
  location: string | null;
  /** Gbit/s as the VIOS reports it. */
  running_speed: number | null;
}

export interface ViosStorageReading extends IoCounters {
  adapter: string;
  /** `physical` (SAS controllers and similar) or `virtual` (vSCSI server adapters). */
  type: 'physical' | 'virtual';
  location: string | null;
}
