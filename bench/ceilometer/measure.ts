/**
 * Child process: converts and signs one cycle's readings to Ceilometer samples, then (given a
 * broker) publishes a converted cycle through DeliveryQueue + AmqpPublisher until flushed, and
 * runs full cycles through the CeilometerSink (converting while publishing) until drained.
 * Usage: measure.ts <workload dir> <warm-up rounds> <convert rounds> <publish rounds> <amqp url | ->
 */
import amqp from 'amqplib';
import type { Cycle } from '../../src/collector/index.js';
import type { Readings } from '../../src/inspector/index.js';
import type { DeliveryStats, WireSample } from '../../src/sinks/ceilometer/index.js';
import { checkReadings, parseAndInspect } from '../inspector/work.js';
import { loadWorkload } from '../inspector/workload.js';
import { collectGarbage, reportToParent } from '../support/child-process.js';
import {
  AmqpPublisher,
  CeilometerSink,
  DeliveryQueue,
  StaticDirectory,
  convertReadings,
  profile,
} from './product.js';

export interface CeilometerMeasurement {
  samples: number;
  /** Bytes of the samples as JSON: what goes on the wire, before the notification envelopes. */
  sampleBytes: number;
  convertMs: number[];
  publish?: PublishMeasurement;
}

export interface PublishMeasurement {
  /** Samples per notification, as `[ceilometer] batch_size` sets both the queue's and the publisher's. */
  batchSize: number;
  /**
   * The fewest notifications a cycle takes: its samples / batchSize, rounded up. The sink's queue
   * may send a short batch while conversion catches up, so a full cycle may take a few more.
   */
  messagesPerCycle: number;
  /** A converted cycle, enqueued at once until `flush` resolved: every batch confirmed by the broker. */
  publishMs: number[];
  /** `CeilometerSink.publish` of the cycle until `drained`: converted, signed and confirmed. */
  fullMs: number[];
  /** CPU time of this process (all its threads) over each full cycle; the broker's is not in it. */
  fullCpuMs: number[];
}

const SECRET = 'bench-telemetry-secret';
const BATCH_SIZE = 50; // the default batch_size
const QUEUE = 'notifications.sample';
const FLUSH_TIMEOUT_MS = 30 * 60_000;

const [dir, warmUpArg, convertArg, publishArg, amqpUrl] = process.argv.slice(2);
if (
  dir === undefined ||
  warmUpArg === undefined ||
  convertArg === undefined ||
  publishArg === undefined ||
  amqpUrl === undefined
) {
  throw new Error(
    'usage: measure.ts <workload dir> <warm-up rounds> <convert rounds> <publish rounds> <amqp url | ->',
  );
}
const workload = loadWorkload(dir);
const readings = parseAndInspect(workload);
checkReadings(readings, workload.expected);

const options = { profile: profile('zed'), directory: new StaticDirectory({}), secret: SECRET };
const convert = (from: Readings): ReturnType<typeof convertReadings> => {
  const conversion = convertReadings(from, options);
  if (conversion.rejected.length > 0) {
    throw new Error(
      `${conversion.rejected.length} samples rejected: ${JSON.stringify(conversion.rejected[0])}`,
    );
  }
  return conversion;
};

// One conversion for the counts and the queue's warm-up publish, not kept: a full cycle would weigh on every GC.
const { measurement, warmUpSamples } = ((): {
  measurement: CeilometerMeasurement;
  warmUpSamples: WireSample[];
} => {
  const { samples } = convert(readings);
  return {
    measurement: {
      samples: samples.length,
      sampleBytes: Buffer.byteLength(JSON.stringify(samples)),
      convertMs: [],
    },
    warmUpSamples: samples.slice(0, 1_000),
  };
})();

// Keeps each result reachable until the next collection, so no work can be optimised away.
let lastResult: unknown;
const warmUp = Number(warmUpArg);
for (let round = 0; round < warmUp + Number(convertArg); round++) {
  collectGarbage();
  const start = performance.now();
  lastResult = convert(readings);
  const ms = performance.now() - start;
  if (round >= warmUp) measurement.convertMs.push(ms);
}
if (lastResult === undefined) throw new Error('no result');
lastResult = undefined;

if (amqpUrl !== '-') measurement.publish = await measurePublish(amqpUrl, Number(publishArg));
reportToParent(measurement);

async function measurePublish(url: string, rounds: number): Promise<PublishMeasurement> {
  const samples = measurement.samples;
  const admin = await amqp.connect(url);
  const channel = await admin.createChannel();
  const result: PublishMeasurement = {
    batchSize: BATCH_SIZE,
    messagesPerCycle: Math.ceil(samples / BATCH_SIZE),
    publishMs: [],
    fullMs: [],
    fullCpuMs: [],
  };
  const publisher = (): InstanceType<typeof AmqpPublisher> =>
    new AmqpPublisher({ url, exchange: 'ceilometer', batchSize: BATCH_SIZE });
  // Publish alone: a whole converted cycle enqueued at once (room for it: the default queue_size
  // of 10,000 is smaller than one cycle at scale).
  const queue = new DeliveryQueue({ publisher: publisher(), capacity: samples, batchSize: BATCH_SIZE });
  // The full cycle as the exporter runs it: the sink converts slice by slice while its queue
  // (the default queue_size) delivers.
  const sinkQueue = new DeliveryQueue({ publisher: publisher(), batchSize: BATCH_SIZE });
  const sink = new CeilometerSink({
    ...options,
    queue: sinkQueue,
    publisher: 'amqp',
    logger: { warn: (fields, message) => console.error(message, fields) },
  });
  const cycle: Cycle = {
    time: Date.now(),
    state: { consoles: new Map(), ready: true },
    fresh: [{ console: 'bench', system: readings.system.name, readings }],
    sinks: [],
  };
  // The queue's counts are of what the broker confirmed; the broker must hold exactly that.
  const delivered = async (before: DeliveryStats, after: DeliveryStats, flushed: boolean): Promise<void> => {
    const published = after.published - before.published;
    const notifications = after.batches - before.batches;
    const dropped = Object.values(after.dropped).reduce((a, b) => a + b, 0);
    if (!flushed || published !== samples || dropped > 0 || after.failures > 0) {
      throw new Error(
        `cycle not delivered: flushed ${flushed}, ${published}/${samples} published, ${dropped} dropped, ${after.failures} failures`,
      );
    }
    const { messageCount } = await channel.purgeQueue(QUEUE);
    if (messageCount !== notifications || notifications < result.messagesPerCycle) {
      throw new Error(
        `the broker held ${messageCount} notifications, ${notifications} confirmed, at least ${result.messagesPerCycle} expected`,
      );
    }
  };
  try {
    // Warm-up: connects, declares the exchange and queue, warms the JIT on this path.
    queue.enqueue(warmUpSamples);
    if (!(await queue.flush(60_000))) throw new Error('the warm-up publish did not flush in 60 s');
    // A whole cycle: a running exporter's cycles come after others, compiled and with its heap grown.
    sink.publish(cycle);
    if (!(await sink.drained(FLUSH_TIMEOUT_MS))) throw new Error('the warm-up cycle did not drain');
    await channel.purgeQueue(QUEUE);
    for (let round = 0; round < rounds; round++) {
      const { samples: converted } = convert(readings);
      collectGarbage();
      let before = queue.stats();
      let start = performance.now();
      queue.enqueue(converted);
      let flushed = await queue.flush(FLUSH_TIMEOUT_MS);
      result.publishMs.push(performance.now() - start);
      await delivered(before, queue.stats(), flushed);

      collectGarbage();
      before = sinkQueue.stats();
      start = performance.now();
      const cpu = process.cpuUsage();
      sink.publish(cycle);
      flushed = await sink.drained(FLUSH_TIMEOUT_MS);
      const used = process.cpuUsage(cpu);
      result.fullMs.push(performance.now() - start);
      result.fullCpuMs.push((used.user + used.system) / 1000);
      await delivered(before, sinkQueue.stats(), flushed);
    }
    return result;
  } finally {
    await queue.close(1_000);
    await sink.shutdown();
    await admin.close().catch(() => undefined);
  }
}
