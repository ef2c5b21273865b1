import { millisToHrTime } from '@opentelemetry/core';
import type { Cycle } from '../../collector/index.js';
import type { Sink, SinkStat } from '../sink.js';
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
}

/**
 * The OpenTelemetry/Prometheus sink: renders each cycle once, in the background, and keeps the
 * text for /metrics, so a scrape never collects and costs nothing but the copy.
 */
export class OtelSink implements Sink {
  readonly name = 'otel';
  readonly #logger: SinkLogger;
  readonly #pusher: OtlpPusher | undefined;
  #latest: RenderInput;
  #text: string | undefined;
  #rendering: Promise<void> | undefined;
  #dirty = false;
  #stopped = false;
  #renderFailures = 0;

  constructor(options: OtelSinkOptions = {}) {
    const now = options.now ?? Date.now;
    this.#logger = options.logger ?? SILENT;
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

  /** The last rendered exposition; only the very first call may wait, for the initial render. */
  async exposition(): Promise<string> {
    if (this.#text === undefined) await this.whenIdle();
    return this.#text ?? '';
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
      this.#dirty = false;
      await this.#render(this.#latest);
    }
    this.#rendering = undefined;
  }

  async #render(input: RenderInput): Promise<void> {
    try {
      const rendering = await renderCycle(input, { keepMetrics: this.#pusher !== undefined });
      this.#text = rendering.text;
      for (const err of rendering.errors) this.#logger.warn({ err }, 'a metric callback failed');
      if (rendering.resourceMetrics) this.#pusher?.push(rendering.resourceMetrics);
    } catch (err) {
      this.#renderFailures += 1;
      this.#logger.warn({ err }, 'rendering the metrics failed; /metrics keeps the previous rendering');
    }
  }
}
