import { millisToHrTime } from '@opentelemetry/core';
import type { CollectorState, Cycle } from '../../collector/index.js';
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
  /**
   * News (fresh readings, or a console or system coming, going, failing or recovering) is rendered
   * once this long has passed without more news, and never later than minRenderIntervalMs after it
   * came (default 0: at once). An estate's systems deliver each sample within seconds of each other,
   * and one rendering of them all costs what a rendering of one of them does.
   */
  settleMs?: number;
  /**
   * A cycle without news (a heartbeat: only ages and timings moved) is rendered only once the last
   * rendering started at least this long ago (default 0: like any other).
   */
  quietRenderEveryMs?: number;
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
  readonly #settleMs: number;
  readonly #quietRenderEveryMs: number;
  readonly #onRendered: OtelSinkOptions['onRendered'];
  #renderStarted = -Infinity;
  /** When the news not rendered yet first came, and last came; undefined when there is none. */
  #news: { since: number; last: number } | undefined;
  /** Which consoles and systems exist and are up, as of the last cycle: a change of it is news. */
  #health = '';
  /** Ends a wait between renderings early, for shutdown. */
  #cutWait: (() => void) | undefined;
  #rendering: Promise<void> | undefined;
  #dirty = false;
  #stopped = false;
  #renderFailures = 0;

  constructor(options: OtelSinkOptions = {}) {
    const now = options.now ?? Date.now;
    this.#minRenderIntervalMs = options.minRenderIntervalMs ?? 0;
    this.#settleMs = options.settleMs ?? 0;
    this.#quietRenderEveryMs = options.quietRenderEveryMs ?? 0;
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
    this.#schedule(true);
  }

  publish(cycle: Cycle): void {
    if (this.#stopped) return;
    this.#latest = { state: snapshotState(cycle.state), time: cycle.time, sinks: cycle.sinks };
    const health = healthOf(cycle.state);
    const news = cycle.fresh.length > 0 || health !== this.#health;
    this.#health = health;
    this.#schedule(news);
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
   * Renders off the publisher's call stack. Cycles that arrive while a rendering runs or waits are
   * coalesced: only the newest is rendered next, since each one is a complete state.
   */
  #schedule(news: boolean): void {
    this.#dirty = true;
    if (news) {
      const now = Date.now();
      this.#news = { since: this.#news?.since ?? now, last: now };
      // A wait for a quiet rendering may be long; news is due sooner.
      this.#cutWait?.();
    }
    this.#rendering ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#renderUntilCurrent(),
    );
  }

  /** How long the newest state must wait before it is rendered (0 or less: now). */
  #wait(now: number): number {
    const sinceStart = now - this.#renderStarted;
    const interval = this.#minRenderIntervalMs - sinceStart;
    if (this.#news === undefined) return Math.max(interval, this.#quietRenderEveryMs - sinceStart);
    const settled = this.#news.last + this.#settleMs - now;
    const overdue = this.#news.since + this.#minRenderIntervalMs - now;
    return Math.max(interval, Math.min(settled, overdue));
  }

  async #renderUntilCurrent(): Promise<void> {
    while (this.#dirty && !this.#stopped) {
      const wait = this.#wait(Date.now());
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          this.#cutWait = () => (clearTimeout(timer), resolve());
        });
        this.#cutWait = undefined;
        continue; // news may have come meanwhile, or the sink stopped
      }
      this.#dirty = false;
      this.#news = undefined;
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

/**
 * The consoles and systems known, and whether each is up and why not: what a heartbeat does not
 * change, and what a scrape must show soon when it does.
 */
function healthOf(state: CollectorState): string {
  let health = '';
  for (const console of state.consoles.values()) {
    health += `${console.name}:${console.up}:${console.failure?.kind ?? ''};`;
    for (const [id, system] of console.systems) {
      health += `${id}:${system.up}:${system.failure?.kind ?? ''}:${system.readings !== undefined};`;
    }
  }
  return `${state.ready};${health}`;
}
