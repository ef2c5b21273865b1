import type { PartitionInfo, SystemInfo } from '../console-types.js';
import type { Load, Schedule } from './schedule.js';

export type ProcessorMode = 'cap' | 'uncap' | 'share_idle_procs';

/** Operations per second at full load, and their sizes. */
export interface IoProfile {
  readsPerSecond: number;
  writesPerSecond: number;
  bytesPerRead: number;
  bytesPerWrite: number;
}

export interface VirtualEthernet {
  location: string;
  slot: number;
  vlanId: number;
  vswitchId: number;
  /** Bridged to the outside by the SEA, so its traffic also shows in the *Physical* counters. */
  bridged: boolean;
  mac: string;
  /** Received bytes per second at full load. */
  bytesPerSecond: number;
  sentPerReceived: number;
}

export interface VscsiClient {
  location: string;
  viosId: number;
  viosSlot: number;
  io: IoProfile;
}

export interface VfcClient {
  location: string;
  viosId: number;
  wwpns: readonly [bigint, bigint];
  /** Older HMC levels spell it `wwpnPair`; the simulator mixes both, as a real estate would over time. */
  pairKey: 'wwpnpair' | 'wwpnPair';
  io: IoProfile;
}

export interface ModelPartition extends PartitionInfo {
  schedule: Schedule;
  load: Load;
  mode: ProcessorMode;
  poolId: number | undefined;
  virtualProcessors: number;
  weight: number | undefined;
  affinityScore: number;
  /** Share of the non-busy entitlement that is still dispatched (and reported as idle or donated). */
  idleDispatch: number;
  instructionsPerCycle: number;
  veas: readonly VirtualEthernet[];
  vscsi: readonly VscsiClient[];
  vfc: readonly VfcClient[];
}

export interface VhostServer {
  /** Each VIOS numbers its own vhosts from 0, so two VIOSes both have a `vhost0`. */
  name: string;
  slot: number;
  client: ModelPartition;
  adapter: VscsiClient;
}

export interface NpivPort {
  name: string;
  fcsIndex: number;
  client: ModelPartition;
  adapter: VfcClient;
}

export interface ModelVios {
  partition: ModelPartition;
  /** Location prefix of the VIOS's physical adapters, e.g. `U78D3.001.WZS0A1B`. */
  enclosure: string;
  /** Card slots (`-P1-C<n>`) of its Ethernet, Fibre Channel and SAS adapters. */
  cards: { ethernet: number; fibre: number; sas: number };
  fcsWwpnPrefix: string;
  /** The VIOS whose SEA forwards traffic; the other's is the idle failover partner. */
  primary: boolean;
  vhosts: readonly VhostServer[];
  npivPorts: readonly NpivPort[];
}

export interface SharedPool {
  id: number;
  name: string;
  maxProcUnits: number;
}

export interface ModelSystem {
  info: SystemInfo;
  /** Location code prefix of virtual slots: `U<type>.<model>.<serial>`. */
  locationPrefix: string;
  lpars: readonly ModelPartition[];
  vioses: readonly ModelVios[];
  pools: readonly SharedPool[];
  firmwareMemMb: number;
  /** The system re-IPLs every IPL_ERA_SECONDS, at this offset; counters start from there. */
  iplPhaseSeconds: number;
}

const IPL_ERA_SECONDS = 180 * 86_400;
export const CYCLES_PER_SECOND = 512_000_000;

/** Unix seconds of the IPL preceding `t`. */
export function iplBefore(system: ModelSystem, t: number): number {
  return (
    Math.floor((t - system.iplPhaseSeconds) / IPL_ERA_SECONDS) * IPL_ERA_SECONDS + system.iplPhaseSeconds
  );
}
