import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { inspect, type Readings } from '../inspector/index.js';
import {
  ConsoleError,
  selectSnapshots,
  SystemSampler,
  type ManagedSystem,
  type PcmPreferences,
  type PowerVmClient,
  type Sample,
} from '../powervm/index.js';
import { ensureLongTermMonitor } from './console-snapshot.js';
import { failureOf, failureState } from './failure.js';
import type { Logger } from './logger.js';
import type { Failure } from './state.js';
import { backoffMs, type Semaphore, type Timing } from './timing.js';

export interface PollSchedule {
  /** The console's LTM cadence: a new sample every 30 s. */
  intervalMs: number;
  /** How long after a sample's instant its files are normally readable. */
  settleMs: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How often the PCM preferences are read again while all is well. */
  preferencesEveryMs: number;
}

export const DEFAULT_SCHEDULE: PollSchedule = {
  intervalMs: 30_000,
  settleMs: 5_000,
  backoffMs: 5_000,
  maxBackoffMs: 300_000,
  preferencesEveryMs: 600_000,
};

/** What one poll of a system found, handed to the console poller. */
export interface SystemReport {
  up: boolean;
  failure: Failure | undefined;
  /** Present when the poll found a sample newer than the last one. */
  readings: Readings | undefined;
  sampleTime: number | undefined;
  collectSeconds: number;
  pcm: PcmPreferences | undefined;
}

export interface SystemPollerOptions {
  client: PowerVmClient;
  system: ManagedSystem;
  schedule: PollSchedule;
  pcmAutoEnable: boolean;
  includeLpar: (name: string) => boolean;
  /** Shared by the systems of one console, so a large HMC is not asked for everything at once. */
  semaphore: Semaphore;
  timing: Timing;
  logger: Logger;
  report: (report: SystemReport) => void;
}

/**
 * Polls one managed system for as long as it stays discovered: asks for the LTM feed when the next
 * sample is due (not on a blind timer), reads only the newest sample (plus the one before it on the
 * first poll, so rates are there from the start), inspects it against the previous one, and backs
 * off with jitter when the console fails.
 */
export class SystemPoller {
  private readonly sampler: SystemSampler;
  private previous: Sample | undefined;
  private pcm: PcmPreferences | undefined;
  private pcmReadAt = -Infinity;
  private failures = 0;
  private lastFailure: string | undefined;

  constructor(private readonly options: SystemPollerOptions) {
    this.sampler = new SystemSampler(options.client, options.system, options.timing.now);
  }

  async run(signal: AbortSignal): Promise<void> {
    const { timing, semaphore } = this.options;
    while (!signal.aborted) {
      const delay = await semaphore.run(() => this.pollOnce());
      await timing.sleep(delay, signal);
    }
  }

  /** One poll; returns how long to wait before the next. Never throws. */
  async pollOnce(): Promise<number> {
    const { timing, schedule } = this.options;
    const started = timing.now();
    try {
      const { readings, sampleTime, nextInMs } = await this.poll();
      this.recovered();
      this.options.report({
        up: true,
        failure: undefined,
        readings,
        sampleTime,
        collectSeconds: (timing.now() - started) / 1000,
        pcm: this.pcm,
      });
      return nextInMs;
    } catch (error) {
      const failure = failureOf(error);
      this.failures += 1;
      this.logFailure(failure, error);
      if (failure.kind === 'pcm-disabled') this.pcmReadAt = -Infinity;
      this.options.report({
        up: false,
        failure,
        readings: undefined,
        sampleTime: undefined,
        collectSeconds: (timing.now() - started) / 1000,
        pcm: this.pcm,
      });
      if (failure.kind === 'no-data') return schedule.intervalMs;
      if (failure.kind === 'pcm-disabled') return schedule.maxBackoffMs;
      return backoffMs(this.failures, schedule.backoffMs, schedule.maxBackoffMs, timing.random);
    }
  }

  private async poll(): Promise<{
    readings: Readings | undefined;
    sampleTime: number | undefined;
    nextInMs: number;
  }> {
    const { client, system, schedule, timing } = this.options;
    if (timing.now() - this.pcmReadAt >= schedule.preferencesEveryMs) {
      this.pcm = await client.pcmPreferences(system);
      await ensureLongTermMonitor(client, system, this.pcm, this.options.pcmAutoEnable);
      this.pcmReadAt = timing.now();
    }
    const snapshots = selectSnapshots(await client.ltmFeed(system), 2);
    const newest = snapshots[0];
    if (!newest) {
      throw new ConsoleError('no-data', 'the long-term monitor feed has no phyp sample yet', {
        console: client.name,
        system: system.name,
      });
    }
    if (this.previous && newest.phyp.time === this.previous.time) {
      // The console has not written the next sample yet: ask again soon.
      return { readings: undefined, sampleTime: this.previous.time, nextInMs: schedule.settleMs };
    }
    if (this.previous && newest.phyp.time < this.previous.time) {
      // Waiting for a sample newer than a misdated one (or one from before the console's clock was
      // set back) could take days: read from this one; the inspector notes the interval issue.
      this.options.logger.warn(
        { hmc: client.name, system: system.name, previous: new Date(this.previous.time).toISOString() },
        `the newest sample (${new Date(newest.phyp.time).toISOString()}) is older than the previous one: the console's clock went back or a sample was misdated; reading on from this one`,
      );
    }
    const current = await this.sampler.sample(newest);
    const older = snapshots[1];
    const previous = this.previous ?? (older ? await this.sampler.sample(older) : undefined);
    this.previous = current;
    // A turn of the event loop between parsing the last file and inspecting: each holds the thread
    // for tens of ms at 1,000 LPARs, and scrapes being answered get to write in between.
    await yieldToEventLoop();
    const readings = inspect(current, previous);
    readings.lpars = readings.lpars.filter((lpar) => this.options.includeLpar(lpar.lpar_name));
    return { readings, sampleTime: current.time, nextInMs: this.untilNextSample(current.time) };
  }

  /**
   * The next sample appears one interval after this one. The console's clock may differ from ours,
   * so the wait is measured from when we saw this sample, less how late we saw it (clamped: a
   * skewed clock must not make us poll in a tight loop or skip samples).
   */
  private untilNextSample(sampleTime: number): number {
    const { intervalMs, settleMs } = this.options.schedule;
    const lateBy = Math.min(Math.max(this.options.timing.now() - sampleTime, 0), intervalMs - settleMs);
    return intervalMs + settleMs - lateBy;
  }

  private logFailure(failure: Failure, error: unknown): void {
    const key = failureState(failure);
    if (key === this.lastFailure) return;
    this.lastFailure = key;
    const fields = { hmc: this.options.client.name, system: this.options.system.name, kind: failure.kind };
    if (failure.kind === 'internal') this.options.logger.error({ ...fields, err: error }, failure.message);
    else this.options.logger.warn(fields, failure.message);
  }

  private recovered(): void {
    if (this.lastFailure !== undefined) {
      const fields = { hmc: this.options.client.name, system: this.options.system.name };
      this.options.logger.info(fields, 'collection recovered');
    }
    this.lastFailure = undefined;
    this.failures = 0;
  }
}
