import { setTimeout as sleep } from 'node:timers/promises';
import type { Cycle } from '../../collector/index.js';
import type { Readings } from '../../inspector/index.js';
import type { Sink, SinkStat } from '../sink.js';
import type { ConvertOptions, LparCounts } from './convert.js';
import { ThreadedConverter, type SliceConversion } from './threaded-converter.js';
import type { DeliveryQueue } from './transport/index.js';

export interface CeilometerSinkOptions extends Omit<ConvertOptions, 'newId'> {
  /** Delivers the samples; owns the publisher (AMQP, HTTP or file). */
  queue: DeliveryQueue;
  /** For the `publisher` label of the sink's metrics: amqp, http or file. */
  publisher: string;
  logger: { warn(fields: object, message: string): void };
  /** Stops the identity source's refreshes, if it has any. */
  stopDirectory?: () => void;
  /** LPARs converted in one go on the conversion thread. Default 25: ~1,000 samples, ~10 ms. */
  lparsPerSlice?: number;
  /** Wait before replacing a conversion thread that died (see ThreadedConverter). */
  restartDelayMs?: number;
}

/** One cycle's readings cut into slices, its LPAR counts so far and its slices not converted yet. */
interface Job {
  slices: Readings[];
  lpars: LparCounts;
  unconverted: number;
}

/** A slice on the conversion thread, and the samples it is reckoned to make (see roomFor). */
interface InFlight {
  converted: Promise<void>;
  samples: number;
}

/** How long the queue may stay full without delivering before conversion stops waiting for room. */
const STALLED_MS = 1_000;
/** Publisher calls' worth of samples queued or converting ahead of the publisher (see roomFor). */
const CALLS_AHEAD = 4;
/** Slices on the conversion thread at once, even when delivery stalled. */
const SLICES_IN_FLIGHT = 4;
/** ~40 samples per LPAR (bench/ceilometer); a rough bound is enough to keep drops away. */
const SAMPLES_PER_LPAR = 40;
/** Longest wait for room between two looks at the sink's own state (closed, stalled). */
const ROOM_WAIT_MS = 50;
const DRAINED_POLL_MS = 5;

/**
 * The Ceilometer sink: each cycle's fresh readings become signed meter samples, once, and go to a
 * bounded delivery queue; publish never waits on the broker. Samples Ceilometer would reject never
 * leave: each is logged with its LPAR and meter, and counted.
 *
 * A cycle of 10,000 LPARs is ~380,000 samples and seconds of work, so it is converted and signed
 * on a worker thread (ThreadedConverter), a slice of LPARs at a time, while this thread publishes:
 * each slice is queued as soon as its samples are back, so the two run on different cores. Slices
 * go to the thread only while the queue is delivering and has room, so a cycle larger than the
 * queue is not cut by its own drops; when delivery stalls (broker down), slices go in and the
 * oldest are dropped.
 */
export class CeilometerSink implements Sink {
  readonly name = 'ceilometer';
  private invalid = 0;
  private lpars: LparCounts = { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 };
  private readonly jobs: Job[] = [];
  private readonly inFlight: InFlight[] = [];
  private readonly converter: ThreadedConverter;
  private converting: Promise<void> | undefined;
  private closed = false;
  private lastPublished = 0;
  private stalled = false;

  constructor(private readonly options: CeilometerSinkOptions) {
    this.converter = new ThreadedConverter({
      profile: options.profile,
      secret: options.secret,
      source: options.source,
      unmapped: options.unmapped,
      directory: options.directory,
      logger: options.logger,
      restartDelayMs: options.restartDelayMs,
    });
  }

  publish(cycle: Cycle): void {
    if (cycle.fresh.length === 0 || this.closed) return;
    const size = this.options.lparsPerSlice ?? 25;
    const slices = cycle.fresh.flatMap(({ readings }) => slicesOf(readings, size));
    const lpars = { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 };
    this.jobs.push({ slices, lpars, unconverted: slices.length });
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
    await this.converter.close();
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
        continue;
      }
      await this.roomFor(slice);
      if (this.closed) break;
      this.convert(slice, job);
    }
    await Promise.all(this.inFlight.map(({ converted }) => converted));
  }

  private convert(slice: Readings, job: Job): void {
    const inFlight: InFlight = {
      samples: slice.lpars.length * SAMPLES_PER_LPAR,
      converted: this.converter.convert(slice).then((conversion) => {
        this.inFlight.splice(this.inFlight.indexOf(inFlight), 1);
        if (conversion) this.received(conversion, job.lpars);
        if (--job.unconverted === 0) this.lpars = job.lpars;
      }),
    };
    this.inFlight.push(inFlight);
  }

  private received(conversion: SliceConversion, counts: LparCounts): void {
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
   * Waits until the queue can take the slice's samples, on top of those of the slices on the
   * conversion thread, and still hold no more than a few publisher calls' worth. Samples queued
   * longer outlive V8's young generation, and copying and promoting them was about a fifth of the
   * sink's CPU at 10,000 LPARs (bench/ceilometer); a few calls ahead still keep the publisher busy.
   * Waiting STALLED_MS without a sample delivered marks delivery stalled: no slice waits for room
   * again until one goes out, only for a place on the conversion thread.
   */
  private async roomFor(slice: Readings): Promise<void> {
    const queue = this.options.queue;
    const limit = Math.min(queue.stats().capacity, CALLS_AHEAD * queue.callSize);
    const room = limit - Math.min(slice.lpars.length * SAMPLES_PER_LPAR, limit);
    let progressAt = Date.now();
    for (;;) {
      const { depth, published } = queue.stats();
      if (published !== this.lastPublished) {
        this.lastPublished = published;
        this.stalled = false;
        progressAt = Date.now();
      }
      if (this.closed) return;
      const converting = this.inFlight.reduce((sum, { samples }) => sum + samples, 0);
      const oldest = this.inFlight[0]?.converted;
      if (this.inFlight.length >= SLICES_IN_FLIGHT) {
        await oldest;
        continue;
      }
      if (depth + converting <= room || this.stalled) return;
      const left = STALLED_MS - (Date.now() - progressAt);
      if (left <= 0) {
        this.stalled = true;
        return;
      }
      // Room comes from the publisher; a slice back from the thread changes the reckoning.
      await Promise.race([
        queue.depthAtMost(room - converting, Math.min(left, ROOM_WAIT_MS)),
        ...(oldest ? [oldest] : []),
      ]);
    }
  }
}

/** The readings cut into pieces of at most `size` LPARs; only LPAR readings become samples. */
function slicesOf(readings: Readings, size: number): Readings[] {
  const out: Readings[] = [];
  for (let i = 0; i < readings.lpars.length; i += size) {
    // Only what conversion reads: each slice is copied to the conversion thread.
    const lpars = readings.lpars.slice(i, i + size);
    out.push({ system: readings.system, pools: [], lpars, vioses: [], issues: [] });
  }
  return out;
}
