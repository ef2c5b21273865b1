import type { Cycle } from '../collector/state.js';
import type { SinkMetric } from '../metrics/index.js';

/**
 * A consumer of the collector's cycles (OpenTelemetry/Prometheus, Ceilometer, debug output).
 *
 * Contract:
 * - `publish` is called with one cycle at a time, never concurrently, in order.
 * - `publish` returns quickly and never throws: slow work (rendering, network delivery) happens in
 *   the background, and failures are the sink's to count in its own self-metrics and to retry.
 * - A cycle's `state` is a read-only view; a sink copies what it needs to keep.
 * - `shutdown` flushes what can be flushed within a few seconds and releases resources.
 * - `stats`, if present, is cheap and reports the sink's own health (see SINK_METRICS); the
 *   collector asks every sink before each cycle and hands the answers to all of them.
 */
export interface Sink {
  readonly name: string;
  publish(cycle: Cycle): void;
  shutdown(): Promise<void>;
  stats?(): readonly SinkStat[];
}

/** One value a sink reports about itself: a SINK_METRICS row, its labels and the value. */
export interface SinkStat {
  metric: SinkMetric;
  labels: Readonly<Record<string, string>>;
  value: number;
}
