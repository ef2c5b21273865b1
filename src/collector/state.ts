import type { Readings } from '../inspector/index.js';
import type { ConsoleErrorKind, PcmPreferences, TlsVerification } from '../powervm/index.js';
import type { SinkStat } from '../sinks/sink.js';

/** Why a console or system is down, as one line for people and a kind for programs. */
export interface Failure {
  /** A console failure, or `internal`: a bug of ours, logged with its stack. */
  kind: ConsoleErrorKind | 'internal';
  message: string;
  /** The HTTP status behind an `http`, `pcm-disabled` or `auth` failure. */
  status?: number | undefined;
}

/** The collector's knowledge of one managed system. */
export interface SystemState {
  uuid: string;
  /** The `system` label: the system's name on the console. */
  name: string;
  up: boolean;
  failure: Failure | undefined;
  /** Newest readings, kept while the system stays discovered, even across failed polls. */
  readings: Readings | undefined;
  /** ms since the epoch of the sample behind `readings`. */
  sampleTime: number | undefined;
  /** Seconds the last poll took. */
  collectSeconds: number | undefined;
  pcm: PcmPreferences | undefined;
  /** Reading issues met so far, by problem (missing, reset, …): cumulative. */
  issueCounts: ReadonlyMap<string, number>;
}

/** The collector's knowledge of one console (HMC or NovaLink). */
export interface ConsoleState {
  /** The `hmc` label. */
  name: string;
  url: string;
  /** How the console's certificate is trusted, from the configuration. */
  tls: TlsVerification;
  up: boolean;
  failure: Failure | undefined;
  systems: ReadonlyMap<string, SystemState>;
  /** Requests sent, by status code or failure kind: cumulative. */
  requests: ReadonlyMap<string, number>;
}

export interface CollectorState {
  consoles: ReadonlyMap<string, ConsoleState>;
  /** True once every configured console has been polled once (each system tried once). */
  ready: boolean;
}

/** Readings that arrived since the previous cycle, for sinks that forward each sample once. */
export interface FreshReadings {
  console: string;
  system: string;
  readings: Readings;
}

/** What every sink receives, in order, one at a time. */
export interface Cycle {
  /** ms since the epoch at which the cycle was emitted. */
  time: number;
  state: CollectorState;
  fresh: readonly FreshReadings[];
  /** What every sink reported about itself just before this cycle. */
  sinks: readonly SinkStat[];
}
