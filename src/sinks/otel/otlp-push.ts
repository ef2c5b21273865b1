import type { HrTime } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import type { MetricData, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { SinkLogger } from './logger.js';

export interface OtlpPushOptions {
  /** OTLP/HTTP JSON endpoint, e.g. `http://127.0.0.1:4318/v1/metrics`. */
  url: string;
  /** Start time of every pushed point: the sink's creation. */
  startTime: HrTime;
  logger: SinkLogger;
  timeoutMillis?: number;
}

/**
 * Every rendering comes from a new MeterProvider, so the SDK would stamp each cumulative point with
 * a new start time and a receiver would see a counter reset on every push. The values really are
 * cumulative since the exporter started watching, so that is the start time they get.
 */
export function withStartTime(resourceMetrics: ResourceMetrics, startTime: HrTime): ResourceMetrics {
  return {
    ...resourceMetrics,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({
      ...scope,
      metrics: scope.metrics.map(
        (metric) =>
          ({
            ...metric,
            dataPoints: metric.dataPoints.map((point) => ({ ...point, startTime })),
          }) as MetricData,
      ),
    })),
  };
}

/**
 * Pushes renderings over OTLP/HTTP, one request at a time. A rendering that arrives while one is on
 * the wire waits; a newer one replaces it (each is a complete cumulative snapshot, so only the
 * newest matters). Failures are counted and logged, never thrown.
 */
export class OtlpPusher {
  readonly #exporter: OTLPMetricExporter;
  readonly #options: OtlpPushOptions;
  #pending: ResourceMetrics | undefined;
  #sending: Promise<void> | undefined;
  #failures = 0;

  constructor(options: OtlpPushOptions) {
    this.#options = options;
    this.#exporter = new OTLPMetricExporter({ url: options.url, timeoutMillis: options.timeoutMillis });
  }

  /** Pushes that failed since start. */
  get failures(): number {
    return this.#failures;
  }

  push(resourceMetrics: ResourceMetrics): void {
    this.#pending = resourceMetrics;
    this.#sending ??= this.#drain();
  }

  /** Resolves once nothing is waiting or on the wire. */
  async whenIdle(): Promise<void> {
    await this.#sending;
  }

  async shutdown(): Promise<void> {
    await this.whenIdle();
    await this.#exporter.shutdown();
  }

  async #drain(): Promise<void> {
    for (let next = this.#pending; next !== undefined; next = this.#pending) {
      this.#pending = undefined;
      await this.#send(withStartTime(next, this.#options.startTime));
    }
    this.#sending = undefined;
  }

  #send(resourceMetrics: ResourceMetrics): Promise<void> {
    return new Promise((resolve) => {
      this.#exporter.export(resourceMetrics, ({ code, error }) => {
        if (code !== ExportResultCode.SUCCESS) {
          this.#failures += 1;
          this.#options.logger.warn({ err: error, url: this.#options.url }, 'OTLP metrics push failed');
        }
        resolve();
      });
    });
  }
}
