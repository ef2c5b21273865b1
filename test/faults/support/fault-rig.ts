import { afterEach, expect } from 'vitest';
import type { SimulatorOptions } from '../../../src/simulator/index.js';
import { startExporter, type ExporterTweaks, type RunningExporter } from '../../support/exporter.js';
import { recordingLogger, type LogLine } from '../../support/recording-logger.js';
import { parseExposition, samplesOf, type Exposition } from '../../unit/sinks/otel/support/exposition.js';

/** The exporter as serve composes it, on a simulator at a 1 s cadence, with its log kept. */
export interface FaultRig {
  exporter: RunningExporter;
  sim: RunningExporter['simulator'];
  /** Name of the (first) simulated system: the `system` label. */
  system: string;
  logs: LogLine[];
  scrape(): Promise<Exposition>;
  /** Scrapes /metrics until `test` holds, and returns that exposition. */
  until(what: string, test: (metrics: Exposition) => boolean, timeoutMs?: number): Promise<Exposition>;
  /** Waits for the system to be up with a sample at most a few seconds old, and the console up. */
  healthy(system?: string): Promise<Exposition>;
}

/** What a scraper reads: undefined when the series is absent. */
export function metric(
  metrics: Exposition,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samplesOf(metrics, name, { hmc: 'sim', ...labels });
  return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
}

export const consoleUp = (m: Exposition) => metric(m, 'powervm_up');
export const systemUp = (m: Exposition, system: string) => metric(m, 'powervm_system_up', { system });
export const sampleAge = (m: Exposition, system: string) =>
  metric(m, 'powervm_sample_age_seconds', { system });
export const issues = (m: Exposition, system: string, problem: string) =>
  metric(m, 'powervm_reading_issues_total', { system, problem }) ?? 0;

/** Log lines at `level` about the system (or, without one, about the console only). */
export function linesAbout(logs: readonly LogLine[], level: string, system?: string): LogLine[] {
  return logs.filter(
    (line) =>
      line.level === level &&
      (system === undefined
        ? !('system' in line.fields)
        : (line.fields as { system?: string }).system === system),
  );
}

/** Fresh enough: one 1 s sample interval, the settle time and a heartbeat, with room for a busy machine. */
const FRESH_SECONDS = 6;

/**
 * Registers the suite's hooks (stop every rig; fail on any unhandled rejection) and returns the
 * function that starts a rig. Call once at the top of a test file.
 */
export function useFaultRigs(): (
  simulator?: SimulatorOptions,
  tweaks?: Omit<ExporterTweaks, 'logger'>,
) => Promise<FaultRig> {
  const running: RunningExporter[] = [];
  const rejections: unknown[] = [];
  process.on('unhandledRejection', (reason) => rejections.push(reason));
  afterEach(async () => {
    await Promise.all(running.splice(0).map((exporter) => exporter.stop()));
    expect(rejections.splice(0), 'unhandled promise rejections').toEqual([]);
  });
  return async (simulator = {}, tweaks = {}) => {
    const logs: LogLine[] = [];
    const exporter = await startExporter(
      1,
      { lpars: 4, retentionMinutes: 1, ...simulator },
      {
        logger: recordingLogger(logs),
        ...tweaks,
        connection: { timeoutMs: 1_500, ...tweaks.connection },
        schedule: { maxBackoffMs: 1_000, ...tweaks.schedule },
      },
    );
    running.push(exporter);
    const scrape = async (): Promise<Exposition> => {
      const response = await fetch(`${exporter.server.url}/metrics`);
      expect(response.status).toBe(200);
      return parseExposition(await response.text());
    };
    const until: FaultRig['until'] = async (what, test, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      let last = await scrape();
      while (!test(last)) {
        if (Date.now() > deadline) {
          const health = last.samples.filter((s) =>
            /^powervm_(up|system_up|sample_age_seconds)$/.test(s.name),
          );
          throw new Error(`not ${what} within ${timeoutMs} ms; last: ${JSON.stringify(health)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        last = await scrape();
      }
      return last;
    };
    const system = exporter.simulator.systems[0]!.name;
    return {
      exporter,
      sim: exporter.simulator,
      system,
      logs,
      scrape,
      until,
      healthy: (name = system) =>
        until(`healthy (${name})`, (m) => {
          const age = sampleAge(m, name);
          return (
            consoleUp(m) === 1 &&
            systemUp(m, name) === 1 &&
            age !== undefined &&
            Math.abs(age) < FRESH_SECONDS
          );
        }),
    };
  };
}
