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
export { asSampleDict } from './sample-dict.js';
export {
  PublishError,
  SILENT_LOGGER,
  type SamplePublisher,
  type TransportLogger,
  type WireSample,
} from './types.js';
