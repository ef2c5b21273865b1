import { inspect, type Readings } from '../inspector/index.js';
import {
  ConsoleError,
  SystemSampler,
  type ManagedSystem,
  type PcmPreferences,
  type PowerVmClient,
} from '../powervm/index.js';

export interface SnapshotOptions {
  /** Switch long-term monitoring on where it is off (the one write this product may make). */
  pcmAutoEnable: boolean;
  /** Only systems whose name or UUID passes. */
  includeSystem?: (system: ManagedSystem) => boolean;
}

export type SystemSnapshot =
  { system: ManagedSystem; readings: Readings } | { system: ManagedSystem; error: ConsoleError };

/**
 * One look at every managed system of a console: its two newest samples, inspected. A system that
 * fails is reported with its error; the others are unaffected.
 */
export async function snapshotConsole(
  client: PowerVmClient,
  options: SnapshotOptions,
): Promise<SystemSnapshot[]> {
  const systems = (await client.listSystems()).filter(options.includeSystem ?? (() => true));
  const results: SystemSnapshot[] = [];
  for (const system of systems) {
    try {
      await ensureLongTermMonitor(client, system, await client.pcmPreferences(system), options.pcmAutoEnable);
      const [current, previous] = await new SystemSampler(client, system).latest(2);
      results.push({ system, readings: inspect(current!, previous) });
    } catch (error) {
      if (!(error instanceof ConsoleError)) throw error;
      results.push({ system, error });
    }
  }
  return results;
}

/**
 * Passes when long-term monitoring is on. Otherwise fails with what to do, or, only when the
 * operator opted in, switches it on (§5) and fails with "no data yet".
 */
export async function ensureLongTermMonitor(
  client: PowerVmClient,
  system: ManagedSystem,
  preferences: PcmPreferences,
  autoEnable: boolean,
): Promise<void> {
  if (preferences.longTermMonitorEnabled) return;
  if (!autoEnable) {
    throw new ConsoleError(
      'pcm-disabled',
      'long-term monitoring (LTM) is off for this system: enable performance data collection on the HMC, or let the exporter do it with --pcm-auto-enable',
      { console: client.name, system: system.name },
    );
  }
  try {
    await client.enableLongTermMonitor(system);
  } catch (error) {
    if (!(error instanceof ConsoleError && error.status === 403)) throw error;
    // A 403 on the write (the reads passed): the user's role may only view, like HMC's hmcviewer.
    throw new ConsoleError(
      'pcm-disabled',
      'long-term monitoring (LTM) is off, and switching it on (--pcm-auto-enable) was refused (403): the console user may only view; enable performance data collection on the HMC, or give --pcm-auto-enable a user whose role may change PCM preferences',
      { console: client.name, system: system.name },
      403,
    );
  }
  throw new ConsoleError(
    'no-data',
    'long-term monitoring was just switched on; the first samples appear within a minute',
    {
      console: client.name,
      system: system.name,
    },
  );
}
