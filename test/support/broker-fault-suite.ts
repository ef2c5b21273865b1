import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { BrokerTap } from './broker-tap.js';
import {
  startCeilometerExporter,
  type CeilometerExporter,
  type CeilometerExporterOptions,
  type SinkMetrics,
} from './ceilometer-exporter.js';
import { FaultProxy } from './fault-proxy.js';
import { failOnProcessFaults } from './process-faults.js';
import { sleep } from './processes.js';
import { RabbitMQ } from './rabbitmq.js';

/** One test's parts: the exporter publishes through the proxy; the tap reads the broker directly. */
export interface FaultScene {
  exporter: CeilometerExporter;
  proxy: FaultProxy;
  tap: BrokerTap;
}

export interface BrokerFaultSuite {
  readonly broker: RabbitMQ;
  /**
   * Starts a proxy (down if asked), a tap and an exporter publishing through the proxy unless
   * `url` says otherwise; all torn down after the test.
   */
  setUp(options?: Partial<CeilometerExporterOptions> & { brokerDown?: boolean }): Promise<FaultScene>;
}

/**
 * Registers the hooks of a broker fault test file: one real RabbitMQ for the file (it takes
 * seconds to start), each test's exporter, proxy and tap stopped after it, and a failure for any
 * unhandled rejection or uncaught exception. Call once at the top of the file.
 */
export function useBrokerFaultSuite(): BrokerFaultSuite {
  failOnProcessFaults();
  let dir = '';
  let broker: RabbitMQ | undefined;
  let scene: Partial<FaultScene> = {};
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'powervm-broker-faults-'));
    broker = await RabbitMQ.create(dir);
    await broker.start();
  }, 90_000);
  afterEach(async () => {
    await scene.exporter?.stop();
    await scene.proxy?.close();
    await scene.tap?.stop();
    scene = {};
  }, 30_000);
  afterAll(async () => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
  const started = (): RabbitMQ => {
    if (!broker) throw new Error('RabbitMQ did not start');
    return broker;
  };
  return {
    get broker() {
      return started();
    },
    async setUp(options = {}) {
      const { brokerDown, ...exporterOptions } = options;
      const rabbit = started();
      const proxy = await FaultProxy.start(rabbit.port);
      scene.proxy = proxy;
      if (brokerDown) await proxy.down();
      const tap = await BrokerTap.start(rabbit.amqpUrl, exporterOptions.bus);
      scene.tap = tap;
      const exporter = await startCeilometerExporter({ url: proxy.via(rabbit.amqpUrl), ...exporterOptions });
      scene.exporter = exporter;
      return { exporter, proxy, tap };
    },
  };
}

/** The sink's log lines, level and message only. */
export function lines(exporter: CeilometerExporter): { level: number; msg: string }[] {
  return exporter.logs.map(({ level, msg }) => ({ level, msg }));
}

/**
 * Stops new samples, waits for the sink to settle, then checks that every sample it accepted
 * either reached the broker or is counted as dropped (queue_full), that /metrics agrees with what
 * Ceilometer's queue received, and that at most `duplicatesAllowed` copies arrived twice.
 */
export async function expectDelivered(
  exporter: CeilometerExporter,
  tap: BrokerTap,
  options: { duplicatesAllowed: number | ((metrics: SinkMetrics) => number) },
): Promise<SinkMetrics> {
  exporter.freeze();
  const deadline = Date.now() + 40_000;
  let metrics = await exporter.metrics();
  const settled = (m: SinkMetrics): boolean =>
    m.queued === 0 &&
    m.published + m.queueFull === exporter.accepted.length &&
    tap.keys().size >= m.published;
  while (!settled(metrics) && Date.now() < deadline) {
    await sleep(200);
    metrics = await exporter.metrics();
  }
  const accepted = new Set(exporter.accepted);
  const delivered = tap.keys();
  expect(metrics.queued).toBe(0);
  expect([...delivered].filter((key) => !accepted.has(key))).toEqual([]);
  expect(delivered.size).toBe(metrics.published);
  expect(accepted.size - delivered.size).toBe(metrics.queueFull);
  const allowed =
    typeof options.duplicatesAllowed === 'number'
      ? options.duplicatesAllowed
      : options.duplicatesAllowed(metrics);
  expect(tap.duplicates()).toBeLessThanOrEqual(allowed);
  return metrics;
}
