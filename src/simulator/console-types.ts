/**
 * The simulator's own view of a console, shared by the model and replay back ends and the HTTP layer.
 * Deliberately separate from the product's types: see docs/simulator.md.
 */

export type McType = 'HMC' | 'PVM';

export interface SystemInfo {
  /** Lower case, as the REST API hands it out. */
  uuid: string;
  name: string;
  machineType: string;
  model: string;
  serial: string;
  /** `<type>-<model>*<serial>`, as in PCM file names. */
  mtms: string;
  ip: string;
  installedProcUnits: number;
  configurableProcUnits: number;
  availableProcUnits: number;
  installedMemMb: number;
  configurableMemMb: number;
  availableMemMb: number;
}

export interface ClientNetworkAdapterInfo {
  /** `U<type>.<model>.<serial>-V<partition id>-C<slot>`: equals the VEA physicalLocation in phyp data. */
  location: string;
  slot: number;
  /** 12 upper-case hex digits. */
  mac: string;
  pvid: number;
  vswitchId: number;
}

export interface PartitionInfo {
  /** Upper case, as in PCM data and LogicalPartition entry ids. */
  uuid: string;
  id: number;
  name: string;
  isVios: boolean;
  /** PCM `type`: `aixlinux`, `ibmi`; VIOSes have none. */
  osType: string;
  memoryMb: number;
  procUnits: number;
  rmcActive: boolean;
  cnas: readonly ClientNetworkAdapterInfo[];
  /** PCM spelling (`Running`, `Not Activated`, ...). */
  stateAt(ms: number): string;
}

/** The files one managed system offers in its LongTermMonitor feed. */
export interface PcmSource {
  /** Sample instants (ms, ascending) present at wall-clock time `now`. */
  instants(now: number): number[];
  /** Categories with a file at this instant: `phyp`, `vios_<id>`, `lpar`. */
  categories(instant: number): string[];
  /** The file's text, or undefined when no such file exists. */
  document(category: string, instant: number): string | undefined;
}

export interface SimulatedSystem {
  info: SystemInfo;
  partitions: readonly PartitionInfo[];
  pcm: PcmSource;
}
