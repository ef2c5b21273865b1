import type { Readings } from '../inspector/index.js';
import type { Sink, SinkStat } from '../sinks/sink.js';
import { ConsolePoller } from './console-poller.js';
import { silentLogger, type Logger } from './logger.js';
import type { CollectorState, ConsoleState, Cycle, FreshReadings } from './state.js';
import { DEFAULT_SCHEDULE, type PollSchedule } from './system-poller.js';
import type { ConsoleTarget } from './target.js';
import { realTiming, type Timing } from './timing.js';

export interface CollectorOptions {
  targets: readonly ConsoleTarget[];
  sinks: readonly Sink[];
  schedule?: Partial<PollSchedule & { discoveryEveryMs: number }>;
  timing?: Timing;
  logger?: Logger;
  /**
   * Systems of all consoles deliver their samples at nearly the same instants; changes arriving
   * within this window go to the sinks as one cycle (one rendering, one Ceilometer batch).
   */
  coalesceMs?: number;
  /** A cycle at least this often, so ages and up/down states in the sinks stay current. */
  heartbeatMs?: number;
}

/**
 * The one collector: a ConsolePoller per console, their changes coalesced into cycles handed to
 * every sink. Each new sample is inspected once; sinks only read the result.
 */
export class Collector {
  private readonly consoles = new Map<string, ConsoleState>();
  private readonly pollers: ConsolePoller[];
  private readonly stop = new AbortController();
  private readonly timing: Timing;
  private readonly logger: Logger;
  private fresh: FreshReadings[] = [];
  private pending: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private runs: Promise<void>[] = [];

  constructor(private readonly options: CollectorOptions) {
    this.timing = options.timing ?? realTiming;
    this.logger = options.logger ?? silentLogger;
    const schedule = { ...DEFAULT_SCHEDULE, discoveryEveryMs: 600_000, ...options.schedule };
    this.pollers = options.targets.map(
      (target) =>
        new ConsolePoller({
          target,
          schedule,
          timing: this.timing,
          logger: this.logger,
          changed: (state, fresh) => this.changed(state, fresh),
        }),
    );
  }

  start(): void {
    this.runs = this.pollers.map((poller) => poller.run(this.stop.signal));
    this.heartbeat = setInterval(() => this.emit(), this.options.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
    this.emit();
  }

  /** Stops polling, logs off every console, and hands the sinks a last cycle. */
  async shutdown(): Promise<void> {
    this.stop.abort();
    clearInterval(this.heartbeat);
    clearTimeout(this.pending);
    await Promise.all(this.runs);
    this.emit();
  }

  get state(): CollectorState {
    return {
      consoles: new Map(this.consoles),
      ready: this.pollers.length > 0 && this.pollers.every((poller) => poller.settled),
    };
  }

  private sinkStats(): SinkStat[] {
    return this.options.sinks.flatMap((sink) => {
      try {
        return sink.stats?.() ?? [];
      } catch (error) {
        this.logger.error({ sink: sink.name, err: error }, 'sink failed to report its stats');
        return [];
      }
    });
  }

  private changed(state: ConsoleState, fresh?: { system: string; readings: Readings }): void {
    this.consoles.set(state.name, state);
    if (fresh) this.fresh.push({ console: state.name, ...fresh });
    this.pending ??= setTimeout(() => this.emit(), this.options.coalesceMs ?? 1_000);
  }

  private emit(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    const cycle: Cycle = {
      time: this.timing.now(),
      state: this.state,
      fresh: this.fresh,
      sinks: this.sinkStats(),
    };
    this.fresh = [];
    for (const sink of this.options.sinks) {
      try {
        sink.publish(cycle);
      } catch (error) {
        // The contract says sinks never throw; one that does must not take the others down.
        this.logger.error({ sink: sink.name, err: error }, 'sink failed to take a cycle');
      }
    }
  }
}
