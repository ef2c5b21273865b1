import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';
import type { Cycle } from '../../collector/index.js';
import type { Readings } from '../../inspector/index.js';
import type { Sink, SinkStat } from '../sink.js';
import { convertReadings, type ConvertOptions, type LparCounts } from './convert.js';
import type { DeliveryQueue } from './transport/index.js';

export interface CeilometerSinkOptions extends ConvertOptions {
  /** Delivers the samples; owns the publisher (AMQP, HTTP or file). */
  queue: DeliveryQueue;
  /** For the `publisher` label of the sink's metrics: amqp, http or file. */
  publisher: string;
  logger: { warn(fields: object, message: string): void };
  /** Stops the identity source's refreshes, if it has any. */
  stopDirectory?: () => void;
  /** LPARs converted between two turns of the event loop. Default 25: ~1,000 samples, tens of ms. */
  lparsPerSlice?: number;
}

/** One cycle's readings cut into slices, and its LPAR counts so far. */
interface Job {
  slices: Readings[];
  lpars: LparCounts;
}

/** How long the queue may stay full without delivering before conversion stops waiting for room. */
const STALLED_MS = 1_000;
/** Publisher calls' worth of samples queued ahead of the publisher (see roomFor). */
const CALLS_AHEAD = 4;
/** Longest wait for room between two looks at the sink's own state (closed, stalled). */
const ROOM_WAIT_MS = 50;
const DRAINED_POLL_MS = 5;

/**
 * The Ceilometer sink: each cycle's fresh readings become signed meter samples, once, and go to a
 * bounded delivery queue; publish never waits on the broker. Samples Ceilometer would reject never
 * leave: each is logged with its LPAR and meter, and counted.
 *
 * A cycle of 10,000 LPARs is ~380,000 samples and seconds of work, so it is converted in the
 * background a slice of LPARs at a time: the event loop turns between slices (scrapes and polls go
 * on), and each slice is queued as soon as it is signed, so publishing overlaps converting. A slice
 * waits for room in the queue while the queue is delivering, so a cycle larger than the queue is not
 * cut by its own drops; when delivery stalls (broker down), slices go in and the oldest are dropped.
 */
export class CeilometerSink implements Sink {
  readonly name = 'ceilometer';
  private invalid = 0;
  private lpars: LparCounts = { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 };
  private readonly jobs: Job[] = [];
  private converting: Promise<void> | undefined;
  private closed = false;
  private lastPublished = 0;
  private stalled = false;

  constructor(private readonly options: CeilometerSinkOptions) {}

  publish(cycle: Cycle): void {
    if (cycle.fresh.length === 0 || this.closed) return;
    const size = this.options.lparsPerSlice ?? 25;
    const slices = cycle.fresh.flatMap(({ readings }) => slicesOf(readings, size));
    this.jobs.push({ slices, lpars: { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 } });
    this.converting ??= this.convertAll().finally(() => (this.converting = undefined));
  }

  /** Resolves once every cycle received so far is converted and delivered; false on timeout. */
  async drained(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    // Polls, as the queue's flush does: a timer left pending would keep the process alive.
    while (this.converting) {
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(DRAINED_POLL_MS, deadline - Date.now()));
    }
    return this.options.queue.flush(Math.max(0, deadline - Date.now()));
  }

  stats(): SinkStat[] {
    const { publisher } = this.options;
    const delivery = this.options.queue.stats();
    return [
      { metric: 'ceilometerPublished', labels: { publisher }, value: delivery.published },
      { metric: 'ceilometerBatches', labels: { publisher, outcome: 'ok' }, value: delivery.batches },
      { metric: 'ceilometerBatches', labels: { publisher, outcome: 'failed' }, value: delivery.failures },
      { metric: 'ceilometerQueue', labels: { publisher }, value: delivery.depth },
      ...Object.entries(delivery.dropped).map(([reason, value]): SinkStat => ({
        metric: 'ceilometerDropped',
        labels: { publisher, reason },
        value,
      })),
      { metric: 'ceilometerDropped', labels: { publisher, reason: 'invalid' }, value: this.invalid },
      { metric: 'ceilometerLpars', labels: { mapping: 'mapped' }, value: this.lpars.mapped },
      { metric: 'ceilometerLpars', labels: { mapping: 'unmapped_sent' }, value: this.lpars.unmappedSent },
      {
        metric: 'ceilometerLpars',
        labels: { mapping: 'unmapped_skipped' },
        value: this.lpars.unmappedSkipped,
      },
    ];
  }

  async shutdown(): Promise<void> {
    // Readings not converted yet stay unsent: shutdown has seconds, a large cycle needs more.
    this.closed = true;
    await this.converting;
    this.options.stopDirectory?.();
    await this.options.queue.close();
  }

  private async convertAll(): Promise<void> {
    let job: Job | undefined;
    while (!this.closed && (job = this.jobs[0]) !== undefined) {
      const slice = job.slices.shift();
      if (slice === undefined) {
        this.jobs.shift();
        this.lpars = job.lpars;
        continue;
      }
      await this.roomFor(slice);
      if (this.closed) return;
      this.convert(slice, job.lpars);
      await yieldToEventLoop();
    }
  }

  private convert(slice: Readings, counts: LparCounts): void {
    const conversion = convertReadings(slice, this.options);
    for (const rejected of conversion.rejected) {
      this.options.logger.warn(
        { lpar: rejected.lpar, meter: rejected.meter, reason: rejected.reason },
        'Ceilometer sample not sent: Ceilometer would reject it',
      );
    }
    this.invalid += conversion.rejected.length;
    counts.mapped += conversion.lpars.mapped;
    counts.unmappedSent += conversion.lpars.unmappedSent;
    counts.unmappedSkipped += conversion.lpars.unmappedSkipped;
    this.options.queue.enqueue(conversion.samples);
  }

  /**
   * Waits until the queue can take the slice's samples and still hold no more than a few publisher
   * calls' worth. Samples queued longer outlive V8's young generation, and copying and promoting
   * them was about a fifth of the sink's CPU at 10,000 LPARs (bench/ceilometer); a few calls ahead
   * still keep the publisher busy. Waiting STALLED_MS without a sample delivered marks delivery
   * stalled: no slice waits again until one goes out.
   */
  private async roomFor(slice: Readings): Promise<void> {
    const queue = this.options.queue;
    const limit = Math.min(queue.stats().capacity, CALLS_AHEAD * queue.callSize);
    // ~40 samples per LPAR (bench/ceilometer); a rough bound is enough to keep drops away.
    const room = limit - Math.min(slice.lpars.length * 40, limit);
    let progressAt = Date.now();
    for (;;) {
      const { depth, published } = queue.stats();
      if (published !== this.lastPublished) {
        this.lastPublished = published;
        this.stalled = false;
        progressAt = Date.now();
      }
      if (depth <= room || this.stalled || this.closed) return;
      const left = STALLED_MS - (Date.now() - progressAt);
      if (left <= 0) {
        this.stalled = true;
        return;
      }
      await queue.depthAtMost(room, Math.min(left, ROOM_WAIT_MS));
    }
  }
}

/** The readings cut into pieces of at most `size` LPARs; only LPAR readings become samples. */
function slicesOf(readings: Readings, size: number): Readings[] {
  const out: Readings[] = [];
  for (let i = 0; i < readings.lpars.length; i += size) {
    out.push({ ...readings, lpars: readings.lpars.slice(i, i + size), vioses: [] });
  }
  return out;
}
