import type { Cycle } from '../collector/state.js';

/**
 * A consumer of the collector's cycles (OpenTelemetry/Prometheus, Ceilometer, debug output).
 *
 * Contract:
 * - `publish` is called with one cycle at a time, never concurrently, in order.
 * - `publish` returns quickly and never throws: slow work (rendering, network delivery) happens in
 *   the background, and failures are the sink's to count in its own self-metrics and to retry.
 * - A cycle's `state` is a read-only view; a sink copies what it needs to keep.
 * - `shutdown` flushes what can be flushed within a few seconds and releases resources.
 */
export interface Sink {
  readonly name: string;
  publish(cycle: Cycle): void;
  shutdown(): Promise<void>;
}
