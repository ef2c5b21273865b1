export { AmqpPublisher, connectionUrl, type AmqpPublisherOptions } from './amqp-publisher.js';
export type { BackoffOptions } from './backoff.js';
export {
  DeliveryQueue,
  type DeliveryQueueOptions,
  type DeliveryStats,
  type DropReason,
} from './delivery-queue.js';
export { FilePublisher, type FilePublisherOptions } from './file-publisher.js';
export { HttpPublisher, type HttpPublisherOptions } from './http-publisher.js';
export { notificationBody, osloTimestamp } from './notification.js';
export { redactUrl } from './redact.js';
export { asSampleDict, wireDict } from './sample-dict.js';
export { decodeSamples, EncodedSample, encodeSamples, type EncodedSamples } from './encoded-sample.js';
export {
  PublishError,
  SILENT_LOGGER,
  type SamplePublisher,
  type TransportLogger,
  type WireDict,
  type WireSample,
} from './types.js';
