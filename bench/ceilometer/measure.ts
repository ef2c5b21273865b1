/**
 * Child process: converts and signs one cycle's readings to Ceilometer samples, then (given a
 * broker) publishes whole cycles through DeliveryQueue + AmqpPublisher until flushed.
 * Usage: measure.ts <workload dir> <warm-up rounds> <convert rounds> <publish rounds> <amqp url | ->
 */
import amqp from 'amqplib';
import type { Readings } from '../../src/inspector/index.js';
import type { WireSample } from '../../src/sinks/ceilometer/index.js';
import { checkReadings, parseAndInspect } from '../inspector/work.js';
import { loadWorkload } from '../inspector/workload.js';
import { collectGarbage, reportToParent } from '../support/child-process.js';
import { AmqpPublisher, DeliveryQueue, StaticDirectory, convertReadings, profile } from './product.js';

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
  /** Notifications the broker held after each round: one cycle's samples / batchSize, rounded up. */
  messagesPerCycle: number;
  /** Convert + sign within the publish rounds (the first half of the full cycle). */
  convertMs: number[];
  /** enqueue until `flush` resolved: every batch confirmed by the broker. */
  publishMs: number[];
  fullMs: number[];
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

// One conversion for the counts and the warm-up publish, not kept: a full cycle would weigh on every GC.
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
  const publisher = new AmqpPublisher({ url, exchange: 'ceilometer', batchSize: BATCH_SIZE });
  // Room for a whole cycle: the default queue_size (10,000) is smaller than one cycle at scale.
  const queue = new DeliveryQueue({ publisher, capacity: Math.max(samples, 10_000), batchSize: BATCH_SIZE });
  const admin = await amqp.connect(url);
  const channel = await admin.createChannel();
  const result: PublishMeasurement = {
    batchSize: BATCH_SIZE,
    messagesPerCycle: Math.ceil(samples / BATCH_SIZE),
    convertMs: [],
    publishMs: [],
    fullMs: [],
  };
  try {
    // Warm-up: connects, declares the exchange and queue, warms the JIT on this path.
    queue.enqueue(warmUpSamples);
    if (!(await queue.flush(60_000))) throw new Error('the warm-up publish did not flush in 60 s');
    await channel.purgeQueue(QUEUE);
    for (let round = 0; round < rounds; round++) {
      collectGarbage();
      const before = queue.stats();
      const start = performance.now();
      const conversion = convert(readings);
      const converted = performance.now();
      queue.enqueue(conversion.samples);
      const flushed = await queue.flush(FLUSH_TIMEOUT_MS);
      const end = performance.now();
      const after = queue.stats();
      const published = after.published - before.published;
      const dropped = Object.values(after.dropped).reduce((a, b) => a + b, 0);
      if (!flushed || published !== samples || dropped > 0 || after.failures > 0) {
        throw new Error(
          `cycle not delivered: flushed ${flushed}, ${published}/${samples} published, ${dropped} dropped, ${after.failures} failures`,
        );
      }
      const { messageCount } = await channel.purgeQueue(QUEUE);
      if (messageCount !== result.messagesPerCycle) {
        throw new Error(`the broker held ${messageCount} notifications, expected ${result.messagesPerCycle}`);
      }
      result.convertMs.push(converted - start);
      result.publishMs.push(end - converted);
      result.fullMs.push(end - start);
    }
    return result;
  } finally {
    await queue.close(1_000);
    await admin.close().catch(() => undefined);
  }
}
