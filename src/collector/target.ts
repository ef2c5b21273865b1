import type { ConsoleConnection, ManagedSystem } from '../powervm/index.js';

/** One console to collect from, as the configuration describes it. */
export interface ConsoleTarget {
  connection: ConsoleConnection;
  includeSystem: (system: ManagedSystem) => boolean;
  includeLpar: (name: string) => boolean;
  pcmAutoEnable: boolean;
  /** Systems of this console polled at once. */
  concurrency: number;
}
