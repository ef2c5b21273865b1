import { Backoff, type BackoffOptions } from './backoff.js';
import {
  PublishError,
  SILENT_LOGGER,
  type SamplePublisher,
  type TransportLogger,
  type WireSample,
} from './types.js';

/** Shortest wait before a retry, so a publisher that keeps saying "now" cannot spin the loop. */
const MIN_RETRY_MS = 10;

/**
 * Why samples were dropped: `queue_full` (the oldest made room for newer ones), `rejected` (the
 * destination refused the batch for good, e.g. HTTP 400), `shutdown` (still queued when `close`
 * gave up waiting).
 */
export type DropReason = 'queue_full' | 'rejected' | 'shutdown';

/** Counters for the sink's self-metrics; `published`, `batches`, `failures` and drops only grow. */
export interface DeliveryStats {
  /** Samples the publisher accepted. */
  published: number;
  /** Batches the publisher accepted. */
  batches: number;
  /** Batch attempts that failed (each retry counts). */
  failures: number;
  /** Samples waiting, including a batch on the wire. */
  depth: number;
  capacity: number;
  dropped: Record<DropReason, number>;
}

export interface DeliveryQueueOptions {
  publisher: SamplePublisher;
  /** Most samples held (queued plus in flight). Default 10,000. */
  capacity?: number;
  /**
   * Samples per batch (one notification or POST). Default 50. The publisher gets
   * `batchesPerCall` batches per call (its own figure, default 1).
   */
  batchSize?: number;
  /**
   * Waits between failed attempts (jittered, exponential), unless the publisher's error says when
   * it can next try. Default 1 s … 30 s.
   */
  retry?: BackoffOptions;
  logger?: TransportLogger;
}

/**
 * A bounded in-memory queue in front of a publisher. `enqueue` returns at once; one drain loop
 * hands batches to the publisher, one call at a time and in order, and retries what a failed call
 * did not deliver after a backoff. When full, the oldest samples go first (newer readings matter
 * more), counted as `queue_full` and logged once until the queue drains. Samples are kept in memory
 * only: a restart loses what is queued.
 */
export class DeliveryQueue {
  readonly #publisher: SamplePublisher;
  readonly #capacity: number;
  readonly #batchSize: number;
  /** Samples per publisher call: several batches when the publisher pipelines them. */
  readonly #callSize: number;
  readonly #backoff: Backoff;
  readonly #logger: TransportLogger;
  /** Queued samples (oldest first) from index #head on; the batch in flight is not in here. */
  #items: WireSample[] = [];
  #head = 0;
  #inFlight = 0;
  readonly #depthWaiters = new Set<{ depth: number; done: (reached: boolean) => void }>();
  #draining: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #failing = false;
  /** Dropping for room since the queue was last empty: logged once per such episode. */
  #overflowing = false;
  #closed = false;
  readonly #stats = { published: 0, batches: 0, failures: 0 };
  readonly #dropped: Record<DropReason, number> = { queue_full: 0, rejected: 0, shutdown: 0 };

  constructor(options: DeliveryQueueOptions) {
    this.#publisher = options.publisher;
    this.#capacity = options.capacity ?? 10_000;
    this.#batchSize = Math.min(options.batchSize ?? 50, this.#capacity);
    if (!Number.isInteger(this.#capacity) || this.#capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${this.#capacity}`);
    }
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.#batchSize}`);
    }
    this.#callSize = Math.min(this.#batchSize * (this.#publisher.batchesPerCall ?? 1), this.#capacity);
    this.#backoff = new Backoff(options.retry ?? { minMs: 1_000, maxMs: 30_000 });
    this.#logger = options.logger ?? SILENT_LOGGER;
  }

  /** Queues the samples and returns at once; drops the oldest queued ones if over capacity. */
  enqueue(samples: readonly WireSample[]): void {
    if (this.#closed) {
      this.#dropped.shutdown += samples.length;
      return;
    }
    for (const sample of samples) this.#items.push(sample);
    const over = this.depth - this.#capacity;
    if (over > 0) this.#dropOldest(over);
    this.#kick();
  }

  get depth(): number {
    return this.#items.length - this.#head + this.#inFlight;
  }

  /** Samples the publisher gets per call. */
  get callSize(): number {
    return this.#callSize;
  }

  /**
   * Resolves true once at most `depth` samples are held (queued or on the wire), false if
   * `timeoutMs` passed first. Each publisher call that ends wakes it, so a producer can keep the
   * queue just ahead of the publisher without polling.
   */
  depthAtMost(depth: number, timeoutMs: number): Promise<boolean> {
    if (this.depth <= depth) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        depth,
        done: (reached: boolean): void => {
          clearTimeout(timer);
          this.#depthWaiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.done(false), timeoutMs);
      timer.unref();
      this.#depthWaiters.add(waiter);
    });
  }

  stats(): DeliveryStats {
    return { ...this.#stats, depth: this.depth, capacity: this.#capacity, dropped: { ...this.#dropped } };
  }

  /** Resolves true once everything queued so far was delivered, false if `timeoutMs` passed first. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.depth > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, deadline - Date.now())));
    }
    return true;
  }

  /**
   * Tries to deliver what is queued for up to `timeoutMs`, then stops the drain loop, counts what
   * is left as dropped (`shutdown`) and closes the publisher.
   */
  async close(timeoutMs = 5_000): Promise<void> {
    if (this.#closed) return;
    await this.flush(timeoutMs);
    this.#closed = true;
    this.#wake?.();
    // Closing the publisher also ends a publish still waiting on the wire.
    await this.#publisher.close().catch(() => undefined);
    await this.#draining;
    this.#dropped.shutdown += this.#items.length - this.#head;
    this.#items = [];
    this.#head = 0;
  }

  #dropOldest(count: number): void {
    const queued = this.#items.length - this.#head;
    const n = Math.min(count, queued);
    this.#head += n;
    this.#dropped.queue_full += n;
    this.#compact();
    if (n > 0 && !this.#overflowing) {
      this.#overflowing = true;
      this.#logger.warn(
        { publisher: this.#publisher.name, capacity: this.#capacity },
        'sample queue full: dropping the oldest samples until it drains (counted as queue_full)',
      );
    }
  }

  #compact(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  #kick(): void {
    if (this.#draining || this.#closed) return;
    this.#draining = this.#drain().finally(() => {
      this.#draining = undefined;
      if (!this.#closed && this.#items.length > this.#head) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    while (!this.#closed && this.#items.length > this.#head) {
      const batch = this.#items.slice(this.#head, this.#head + this.#callSize);
      this.#head += batch.length;
      this.#inFlight = batch.length;
      this.#compact();
      let retryInMs: number | undefined;
      try {
        await this.#publisher.publish(batch);
        this.#countDelivered(batch.length);
        this.#backoff.reset();
        if (this.#failing) {
          this.#failing = false;
          this.#logOutage('info', { depth: this.depth }, 'sample delivery recovered');
        }
      } catch (error) {
        this.#stats.failures += 1;
        const delivered = error instanceof PublishError ? error.delivered : 0;
        this.#countDelivered(delivered);
        const failed = batch.slice(delivered);
        if (error instanceof PublishError && error.permanent) {
          this.#dropped.rejected += failed.length;
          this.#logger.warn(
            { publisher: this.#publisher.name, samples: failed.length, err: error.message },
            'the destination rejected a batch; dropped',
          );
        } else {
          retryInMs = this.#retryDelay(error);
          // Back to the front, ahead of newer samples.
          this.#items = [...failed, ...this.#items.slice(this.#head)];
          this.#head = 0;
          if (!this.#failing) {
            this.#failing = true;
            this.#logOutage(
              'warn',
              { err: error instanceof Error ? error.message : String(error) },
              'sample delivery failing; retrying with backoff, dropping the oldest samples if the queue fills',
            );
          }
        }
      } finally {
        this.#inFlight = 0;
      }
      for (const waiter of this.#depthWaiters) if (this.depth <= waiter.depth) waiter.done(true);
      if (this.depth === 0) this.#overflowing = false;
      if (retryInMs !== undefined) await this.#sleep(retryInMs);
    }
  }

  /**
   * The publisher's own schedule when it has one: backing off on top of it stacked two backoffs,
   * and delivery resumed up to half a minute after the broker was back.
   */
  #retryDelay(error: unknown): number {
    if (error instanceof PublishError && error.retryInMs !== undefined) {
      return Math.max(MIN_RETRY_MS, error.retryInMs);
    }
    return this.#backoff.next();
  }

  /** Published samples, and the batches of `batchSize` they went out in. */
  #countDelivered(samples: number): void {
    this.#stats.published += samples;
    this.#stats.batches += Math.ceil(samples / this.#batchSize);
  }

  /** Delivery failing or recovered, unless the publisher logs its own outages (one line per change either way). */
  #logOutage(level: 'info' | 'warn', fields: object, message: string): void {
    if (this.#publisher.logsOutages) return;
    this.#logger[level]({ publisher: this.#publisher.name, ...fields }, message);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = () => {
        clearTimeout(this.#retryTimer);
        this.#wake = undefined;
        resolve();
      };
      this.#retryTimer = setTimeout(this.#wake, ms);
      this.#retryTimer.unref();
    });
  }
}
