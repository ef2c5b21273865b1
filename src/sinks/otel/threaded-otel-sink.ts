import { Worker } from 'node:worker_threads';
import type { Cycle } from '../../collector/index.js';
import type { Sink, SinkStat } from '../sink.js';
import { threadEntry } from '../thread-entry.js';
import { ThreadRestarts } from '../thread-restarts.js';
import type { ServedSink } from './http-server.js';
import { SILENT, type SinkLogger } from './logger.js';
import { EMPTY_EXPOSITION, expositionText, type CompressedExposition } from './compressed-exposition.js';
import type { OtelSinkOptions } from './otel-sink.js';
import type { FromRenderThread, RenderThreadSettings, ToRenderThread } from './render-thread-protocol.js';
import { EMPTY_STATE, snapshotState, type RenderInput } from './render-input.js';
import { InputSender } from './state-transfer.js';

export type ThreadedOtelSinkOptions = Omit<OtelSinkOptions, 'onRendered'> & {
  /**
   * Wait before starting a rendering thread again after it died (default 1 s), doubled for each
   * thread in a row that dies before rendering anything, up to a minute.
   */
  restartDelayMs?: number;
};

type Metric = SinkStat['metric'];
const addTo = (totals: Map<Metric, number>, metric: Metric, value: number): void => {
  totals.set(metric, (totals.get(metric) ?? 0) + value);
};

/**
 * The OpenTelemetry/Prometheus sink with its rendering on a worker thread. Rendering a large estate
 * takes seconds of CPU and a heap of its own (bench/: 474,410 series at 10,000 LPARs); on the
 * serving thread every slice of it, and every garbage collection of its heap, held back the scrapes
 * being answered. Here the serving thread only posts each system's new readings and swaps in the
 * bytes that come back, so a scrape waits for nothing but the write. A rendering thread that dies is
 * logged and started again with the whole state; /metrics keeps the last rendering meanwhile.
 */
export class ThreadedOtelSink implements Sink, ServedSink {
  readonly name = 'otel';
  readonly #settings: RenderThreadSettings;
  readonly #logger: SinkLogger;
  readonly #restarts: ThreadRestarts;
  #worker: Worker;
  #sender = new InputSender();
  #latest: RenderInput;
  #exposition: CompressedExposition | undefined;
  #renderedTime: number | undefined;
  /** The live thread's own counts, as of its last message. */
  #stats: SinkStat[] = [];
  /** Counts of threads that died (each death a failed rendering too), on top of the live thread's. */
  readonly #carried = new Map<Metric, number>([['renderFailures', 0]]);
  #firstRendering: Promise<void>;
  #gotFirstRendering!: () => void;
  readonly #idleWaiters = new Map<number, () => void>();
  #nextIdleId = 0;
  #stopping: Promise<void> | undefined;

  constructor(options: ThreadedOtelSinkOptions = {}) {
    const now = options.now ?? Date.now;
    this.#logger = options.logger ?? SILENT;
    this.#restarts = new ThreadRestarts(options.restartDelayMs);
    this.#settings = {
      otlpUrl: options.otlpUrl,
      otlpTimeoutMillis: options.otlpTimeoutMillis,
      minRenderIntervalMs: options.minRenderIntervalMs ?? 0,
      settleMs: options.settleMs ?? 0,
      quietRenderEveryMs: options.quietRenderEveryMs ?? 0,
      startedAt: now(),
    };
    this.#latest = { state: EMPTY_STATE, time: this.#settings.startedAt };
    this.#firstRendering = new Promise((resolve) => (this.#gotFirstRendering = resolve));
    this.#worker = this.#start();
  }

  publish(cycle: Cycle): void {
    if (this.#stopping) return;
    this.#latest = { state: snapshotState(cycle.state), time: cycle.time, sinks: cycle.sinks };
    this.#sendLatest();
  }

  get current(): RenderInput {
    return this.#latest;
  }

  get renderedTime(): number | undefined {
    return this.#renderedTime;
  }

  /** The last rendering; only calls before the first one wait (for it, or for the thread to stop). */
  async compressedExposition(): Promise<CompressedExposition> {
    await this.#firstRendering;
    return this.#exposition ?? EMPTY_EXPOSITION;
  }

  /** The last rendered exposition as text (decompressed on each call: for tests and tools, not scrapes). */
  async exposition(): Promise<string> {
    return expositionText(await this.compressedExposition());
  }

  stats(): SinkStat[] {
    const totals = new Map(this.#carried);
    for (const { metric, value } of this.#stats) addTo(totals, metric, value);
    return [...totals].map(([metric, value]) => ({ metric, labels: {}, value }));
  }

  /** Resolves once every published cycle is rendered (and pushed over OTLP). */
  whenIdle(): Promise<void> {
    if (this.#stopping) return this.#stopping;
    const id = this.#nextIdleId++;
    return new Promise((resolve) => {
      this.#idleWaiters.set(id, resolve);
      this.#post({ type: 'idle', id });
    });
  }

  shutdown(): Promise<void> {
    this.#stopping ??= new Promise<void>((resolve) => {
      this.#worker.once('exit', () => resolve());
      this.#post({ type: 'shutdown' });
    }).finally(() => this.#gotFirstRendering());
    return this.#stopping;
  }

  /**
   * Posting copies the input, which fails on data that cannot be copied (never the inspector's
   * plain readings, but publish must not throw): that cycle is a failed rendering, and the next
   * one is sent whole.
   */
  #sendLatest(): void {
    try {
      this.#post({ type: 'input', input: this.#sender.encode(this.#latest) });
    } catch (err) {
      this.#sender = new InputSender();
      addTo(this.#carried, 'renderFailures', 1);
      this.#logger.warn(
        { err },
        'the cycle could not be handed to the rendering thread; /metrics keeps the previous rendering',
      );
    }
  }

  #post(message: ToRenderThread): void {
    this.#worker.postMessage(message);
  }

  #start(): Worker {
    const worker = new Worker(threadEntry(import.meta.url, 'render-thread'), { workerData: this.#settings });
    let failure: Error | undefined;
    worker.on('message', (message: FromRenderThread) => this.#receive(message));
    worker.on('error', (err) => (failure = err));
    worker.on('exit', (code) => this.#exited(worker, code, failure));
    return worker;
  }

  #receive(message: FromRenderThread): void {
    switch (message.type) {
      case 'rendered':
        this.#restarts.worked();
        this.#exposition = { gzip: Buffer.from(message.gzip), bytes: message.bytes };
        this.#renderedTime = message.time;
        this.#stats = message.stats;
        this.#gotFirstRendering();
        break;
      case 'log':
        this.#logger.warn(message.obj, message.msg);
        break;
      case 'idle':
        this.#stats = message.stats;
        this.#idleWaiters.get(message.id)?.();
        this.#idleWaiters.delete(message.id);
        break;
      case 'stopped':
        this.#stats = message.stats;
        // Stopped means done: a handle left open in the thread must not hold up the exit.
        void this.#worker.terminate();
        break;
    }
  }

  /**
   * A thread that dies unasked is replaced, and given the whole latest state. The death of a thread
   * that rendered is logged; threads that then keep dying before rendering are only counted, and
   * restarted ever more slowly, so a broken start-up is one log line, not one per second.
   */
  #exited(worker: Worker, code: number, err: Error | undefined): void {
    if (this.#stopping || worker !== this.#worker) return;
    for (const { metric, value } of this.#stats) addTo(this.#carried, metric, value);
    addTo(this.#carried, 'renderFailures', 1);
    this.#stats = [];
    const { delayMs: delay, first } = this.#restarts.died();
    if (first) {
      this.#logger.warn(
        { err, code, restartInMs: delay },
        'the rendering thread stopped; /metrics keeps the last rendering until a new thread renders',
      );
    }
    // Whoever waits for idleness or a first rendering would wait for a thread that is gone.
    this.#gotFirstRendering();
    for (const resolve of this.#idleWaiters.values()) resolve();
    this.#idleWaiters.clear();
    setTimeout(() => {
      if (this.#stopping) return;
      this.#sender = new InputSender();
      this.#worker = this.#start();
      if (this.#latest.state !== EMPTY_STATE) this.#sendLatest();
    }, delay).unref();
  }
}
