import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import {
  AmqpPublisher,
  CeilometerSink,
  DeliveryQueue,
  FilePublisher,
  HttpPublisher,
  NovaDirectory,
  profile,
  StaticDirectory,
  StaticFileDirectory,
  type InstanceDirectory,
  type SamplePublisher,
} from '../sinks/ceilometer/index.js';
import type { CeilometerSettings } from './config/index.js';

/** Builds the Ceilometer sink the settings describe: publisher by URL scheme, queue, identity source. */
export async function createCeilometerSink(
  settings: CeilometerSettings,
  logger: Logger,
): Promise<CeilometerSink> {
  const { publisher, kind } = createPublisher(settings, logger);
  const { directory, stop } = await createDirectory(settings, logger);
  const queue = new DeliveryQueue({
    publisher,
    capacity: settings.queueSize,
    batchSize: settings.batchSize,
    logger,
  });
  return new CeilometerSink({
    queue,
    publisher: kind,
    logger,
    profile: profile(settings.profile),
    directory,
    secret: settings.secret,
    unmapped: settings.unmapped,
    source: settings.source,
    stopDirectory: stop,
  });
}

function createPublisher(
  settings: CeilometerSettings,
  logger: Logger,
): { publisher: SamplePublisher; kind: string } {
  const scheme = settings.url.slice(0, settings.url.indexOf(':'));
  if (scheme === 'http' || scheme === 'https') {
    return {
      publisher: new HttpPublisher({ url: settings.url, batchSize: settings.batchSize }),
      kind: 'http',
    };
  }
  if (scheme === 'file') {
    return { publisher: new FilePublisher({ path: fileURLToPath(settings.url) }), kind: 'file' };
  }
  const publisher = new AmqpPublisher({
    url: settings.url,
    exchange: settings.exchange,
    topic: settings.topic,
    durable: settings.durable,
    batchSize: settings.batchSize,
    logger,
  });
  return { publisher, kind: 'amqp' };
}

async function createDirectory(
  settings: CeilometerSettings,
  logger: Logger,
): Promise<{ directory: InstanceDirectory; stop?: () => void }> {
  const source = settings.instances;
  if (!source) return { directory: new StaticDirectory({}) };
  if ('file' in source) return { directory: await StaticFileDirectory.load(source.file) };
  const nova = new NovaDirectory(source.keystone);
  // The first refresh may fail (Keystone down): samples then go out unmapped until a later one works.
  await nova.start(source.refreshMs, (error) =>
    logger.warn({ err: error.message }, 'OpenStack instance list not refreshed'),
  );
  return { directory: nova, stop: () => nova.stop() };
}
