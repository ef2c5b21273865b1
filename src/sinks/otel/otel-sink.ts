import { millisToHrTime } from '@opentelemetry/core';
import type { Cycle } from '../../collector/index.js';
import type { Sink, SinkStat } from '../sink.js';
import {
  EMPTY_EXPOSITION,
  expositionText,
  renderCompressed,
  type CompressedExposition,
} from './compressed-exposition.js';
import { SILENT, type SinkLogger } from './logger.js';
import { OtlpPusher } from './otlp-push.js';
import { renderCycle } from './render.js';
import { EMPTY_STATE, snapshotState, type RenderInput } from './render-input.js';

export interface OtelSinkOptions {
  /** Also push each rendering over OTLP/HTTP JSON to this URL (e.g. `http://host:4318/v1/metrics`). */
  otlpUrl?: string;
  otlpTimeoutMillis?: number;
  logger?: SinkLogger;
  /** Clock for the initial (empty) state and the OTLP start time; ms since the epoch. */
  now?: () => number;
  /**
   * Least time between the starts of two renderings (default 0). The data changes every 30 s and
   * a large estate takes seconds of CPU to render (bench/: 7.7 s at 10,000 LPARs), so serve renders
   * about once per PCM cycle rather than once per system's update.
   */
  minRenderIntervalMs?: number;
  /** Called with each new rendering, once /metrics would serve it; it may take (transfer) the bytes. */
  onRendered?: (exposition: CompressedExposition, time: number) => void;
}

/**
 * The OpenTelemetry/Prometheus sink: renders each cycle once, in the background, and keeps the
 * compressed bytes for /metrics, so a scrape never collects, encodes or compresses.
 */
export class OtelSink implements Sink {
  readonly name = 'otel';
  readonly #logger: SinkLogger;
  readonly #pusher: OtlpPusher | undefined;
  #latest: RenderInput;
  /** The last rendering, encoded and compressed once, so a scrape is a write. */
  #exposition: CompressedExposition | undefined;
  #renderedTime: number | undefined;
  readonly #minRenderIntervalMs: number;
  readonly #onRendered: OtelSinkOptions['onRendered'];
  #renderStarted = -Infinity;
  /** Ends a wait between renderings early, for shutdown. */
  #cutWait: (() => void) | undefined;
  #rendering: Promise<void> | undefined;
  #dirty = false;
  #stopped = false;
  #renderFailures = 0;

  constructor(options: OtelSinkOptions = {}) {
    const now = options.now ?? Date.now;
    this.#minRenderIntervalMs = options.minRenderIntervalMs ?? 0;
    this.#logger = options.logger ?? SILENT;
    this.#onRendered = options.onRendered;
    this.#pusher =
      options.otlpUrl === undefined
        ? undefined
        : new OtlpPusher({
            url: options.otlpUrl,
            startTime: millisToHrTime(now()),
            logger: this.#logger,
            timeoutMillis: options.otlpTimeoutMillis,
          });
    // Until the first cycle, /metrics shows the self-metrics of an empty state (build info).
    this.#latest = { state: EMPTY_STATE, time: now() };
    this.#schedule();
  }

  publish(cycle: Cycle): void {
    if (this.#stopped) return;
    this.#latest = { state: snapshotState(cycle.state), time: cycle.time, sinks: cycle.sinks };
    this.#schedule();
  }

  /** The state most recently published (or the empty one), for the landing page and readiness. */
  get current(): RenderInput {
    return this.#latest;
  }

  /** The time of the cycle /metrics shows: behind `current` while a rendering waits or runs. */
  get renderedTime(): number | undefined {
    return this.#renderedTime;
  }

  /** The last rendered exposition as text (decompressed on each call: for tests and tools, not scrapes). */
  async exposition(): Promise<string> {
    return expositionText(await this.compressedExposition());
  }

  /** The last rendering as /metrics keeps it; only the very first call may wait, for the initial render. */
  async compressedExposition(): Promise<CompressedExposition> {
    if (this.#exposition === undefined) await this.whenIdle();
    return this.#exposition ?? EMPTY_EXPOSITION;
  }

  stats(): SinkStat[] {
    const stats: SinkStat[] = [{ metric: 'renderFailures', labels: {}, value: this.#renderFailures }];
    if (this.#pusher) stats.push({ metric: 'otlpPushFailures', labels: {}, value: this.#pusher.failures });
    return stats;
  }

  /** Renderings that failed, and OTLP pushes that failed, since start. */
  get failures(): { render: number; push: number } {
    return { render: this.#renderFailures, push: this.#pusher?.failures ?? 0 };
  }

  /** Resolves once every published cycle is rendered and pushed. */
  async whenIdle(): Promise<void> {
    await this.#rendering;
    await this.#pusher?.whenIdle();
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    this.#cutWait?.();
    await this.#rendering;
    await this.#pusher?.shutdown();
  }

  /**
   * Renders off the publisher's call stack. Cycles that arrive while a rendering runs are
   * coalesced: only the newest is rendered next, since each one is a complete state.
   */
  #schedule(): void {
    this.#dirty = true;
    this.#rendering ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#renderUntilCurrent(),
    );
  }

  async #renderUntilCurrent(): Promise<void> {
    while (this.#dirty) {
      const wait = this.#renderStarted + this.#minRenderIntervalMs - Date.now();
      if (wait > 0 && !this.#stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.#cutWait = () => (clearTimeout(timer), resolve());
        });
        this.#cutWait = undefined;
      }
      if (this.#stopped) break;
      this.#dirty = false;
      // The start-up rendering of the empty state must not hold back the first real one.
      if (this.#latest.state !== EMPTY_STATE) this.#renderStarted = Date.now();
      await this.#render(this.#latest);
    }
    this.#rendering = undefined;
  }

  async #render(input: RenderInput): Promise<void> {
    try {
      const { result: rendering, gzip } = await renderCompressed((write) =>
        renderCycle(input, write, { keepMetrics: this.#pusher !== undefined }),
      );
      this.#exposition = { gzip, bytes: rendering.bytes };
      this.#renderedTime = input.time;
      this.#onRendered?.(this.#exposition, input.time);
      for (const err of rendering.errors) this.#logger.warn({ err }, 'a metric callback failed');
      if (rendering.resourceMetrics) this.#pusher?.push(rendering.resourceMetrics);
    } catch (err) {
      this.#renderFailures += 1;
      this.#logger.warn({ err }, 'rendering the metrics failed; /metrics keeps the previous rendering');
    }
  }
}
