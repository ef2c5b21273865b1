import { createCeilometerSink } from '../../src/cli/ceilometer-sink.js';
import type { CeilometerSettings } from '../../src/cli/config/index.js';
import { createLogger } from '../../src/cli/logger.js';
import type { Cycle } from '../../src/collector/index.js';
import {
  convertReadings,
  profile,
  StaticDirectory,
  type ConvertOptions,
} from '../../src/sinks/ceilometer/index.js';
import type { Sink } from '../../src/sinks/index.js';
import { parseExposition, valueOf } from '../unit/sinks/otel/support/exposition.js';
import { startExporter, type RunningExporter } from './exporter.js';
import { sleep } from './processes.js';

/** A sample told apart from every other without its random message_id: meter, resource, time. */
export type SampleKey = string;

export function keyOf(sample: Readonly<Record<string, unknown>>): SampleKey {
  return `${String(sample['counter_name'])} ${String(sample['resource_id'])} ${String(sample['timestamp'])}`;
}

/** The Ceilometer sink's self-metrics, as a scrape of /metrics shows them. */
export interface SinkMetrics {
  published: number;
  batchesOk: number;
  batchesFailed: number;
  queued: number;
  queueFull: number;
  shutdown: number;
}

/** One line the exporter logged, as pino wrote it. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** `serve` with the Ceilometer sink on, collecting from the simulator every second. */
export interface CeilometerExporter {
  exporter: RunningExporter;
  /** Every line the Ceilometer sink logged so far. */
  logs: LogLine[];
  /** Keys of every sample the sink was handed, in order: what it accepted. */
  accepted: SampleKey[];
  metrics(): Promise<SinkMetrics>;
  /** The whole /metrics text. */
  scrape(): Promise<string>;
  /** Stops the simulator's clock: no new samples from now on, while cycles (and /metrics) go on. */
  freeze(): void;
  stop(): Promise<void>;
}

export interface CeilometerExporterOptions {
  url: string;
  queueSize?: number;
  batchSize?: number;
  /** Exchange, topic and durability, as in the `ceilometer:` section; default ceilometer, notifications, not durable. */
  bus?: Bus;
}

/** Where the samples go on RabbitMQ; the routing key and queue are `<topic>.sample`. */
export interface Bus {
  exchange: string;
  topic: string;
  durable: boolean;
}

export const CEILOMETER_BUS: Bus = { exchange: 'ceilometer', topic: 'notifications', durable: false };

const SECRET = 'fault-test-secret';

export async function startCeilometerExporter(
  options: CeilometerExporterOptions,
): Promise<CeilometerExporter> {
  const settings: CeilometerSettings = {
    url: options.url,
    secret: SECRET,
    profile: 'zed',
    ...(options.bus ?? CEILOMETER_BUS),
    batchSize: options.batchSize ?? 50,
    queueSize: options.queueSize ?? 10_000,
    unmapped: 'send',
    source: 'openstack',
    instances: undefined,
  };
  const logs: LogLine[] = [];
  const destination = { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) };
  const logger = createLogger('info', destination as unknown as NodeJS.WritableStream);
  const sink = await createCeilometerSink(settings, logger);
  const reference = new AcceptedSamples({
    profile: profile(settings.profile),
    directory: new StaticDirectory({}),
    secret: SECRET,
    unmapped: settings.unmapped,
    source: settings.source,
  });
  let frozenAt: number | undefined;
  const exporter = await startExporter(
    1,
    { lpars: 2, vios: 1, clock: () => frozenAt ?? Date.now() },
    { sinks: [sink, reference] },
  );
  const scrape = async (): Promise<string> => (await fetch(`${exporter.server.url}/metrics`)).text();
  return {
    exporter,
    logs,
    accepted: reference.keys,
    scrape,
    async metrics() {
      const exposition = parseExposition(await scrape());
      const of = (name: string, labels: Record<string, string> = {}): number =>
        valueOf(exposition, `powervm_ceilometer_${name}`, { publisher: 'amqp', ...labels });
      return {
        published: of('samples_published_total'),
        batchesOk: of('batches_total', { outcome: 'ok' }),
        batchesFailed: of('batches_total', { outcome: 'failed' }),
        queued: of('queue_samples'),
        queueFull: of('samples_dropped_total', { reason: 'queue_full' }),
        shutdown: of('samples_dropped_total', { reason: 'shutdown' }),
      };
    },
    freeze() {
      frozenAt ??= Date.now();
    },
    stop: () => exporter.stop(),
  };
}

/** Beside the Ceilometer sink, the same conversion of the same cycles: the samples the sink accepted. */
class AcceptedSamples implements Sink {
  readonly name = 'accepted-samples';
  readonly keys: SampleKey[] = [];
  constructor(private readonly options: ConvertOptions) {}
  publish(cycle: Cycle): void {
    for (const { readings } of cycle.fresh)
      for (const sample of convertReadings(readings, this.options).samples) this.keys.push(keyOf(sample));
  }
  async shutdown(): Promise<void> {}
}

/** Polls `check` until it returns a value other than undefined; fails naming `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
