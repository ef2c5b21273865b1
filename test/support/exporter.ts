import {
  Collector,
  type CollectorOptions,
  type ConsoleTarget,
  type Logger,
} from '../../src/collector/index.js';
import type { ConsoleConnection } from '../../src/powervm/index.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import type { Sink } from '../../src/sinks/index.js';
import { createExporterServer, OtelSink, type ExporterServer } from '../../src/sinks/otel/index.js';

export interface RunningExporter {
  simulator: RunningSimulator;
  collector: Collector;
  server: ExporterServer;
  stop(): Promise<void>;
}

/** What a test changes in the composition: sinks beside the OpenTelemetry one (the Ceilometer sink), logging, connection and schedule. */
export interface ExporterTweaks {
  sinks?: readonly Sink[];
  logger?: Logger;
  connection?: Partial<ConsoleConnection>;
  schedule?: CollectorOptions['schedule'];
}

/**
 * The exporter as `serve` composes it (simulator → collector → OpenTelemetry sink → HTTP), at a
 * fast cadence so counters move within a test's patience.
 */
export async function startExporter(
  cadenceSeconds: number,
  simulator: SimulatorOptions = {},
  tweaks: ExporterTweaks = {},
): Promise<RunningExporter> {
  const sim = await startSimulator({
    sampleIntervalSeconds: cadenceSeconds,
    retentionMinutes: 2,
    ...simulator,
  });
  const target: ConsoleTarget = {
    connection: { name: 'sim', url: sim.url, user: 'hscroot', password: 'abc123', ...tweaks.connection },
    includeSystem: () => true,
    includeLpar: () => true,
    pcmAutoEnable: false,
    concurrency: 4,
  };
  const sink = new OtelSink();
  const collector = new Collector({
    targets: [target],
    sinks: [sink, ...(tweaks.sinks ?? [])],
    schedule: {
      intervalMs: cadenceSeconds * 1000,
      settleMs: 200,
      backoffMs: 200,
      maxBackoffMs: 2_000,
      ...tweaks.schedule,
    },
    logger: tweaks.logger,
    coalesceMs: 100,
    heartbeatMs: 1_000,
  });
  const server = await createExporterServer({ host: '127.0.0.1', port: 0, sink });
  collector.start();
  return {
    simulator: sim,
    collector,
    server,
    async stop() {
      await collector.shutdown();
      await Promise.all([
        sink.shutdown(),
        ...(tweaks.sinks ?? []).map((extra) => extra.shutdown()),
        server.close(),
        sim.close(),
      ]);
    },
  };
}
