// Ceilometer publisher: the pure half (signature, profiles, conversion, identity).
export { signSample, signaturePairs, verifySample } from './sign.js';

// Ceilometer publisher: the transport half (bounded delivery queue, AMQP/HTTP/file publishers).
export {
  AmqpPublisher,
  DeliveryQueue,
  FilePublisher,
  HttpPublisher,
  PublishError,
  redactUrl,
  type AmqpPublisherOptions,
  type BackoffOptions,
  type DeliveryQueueOptions,
  type DeliveryStats,
  type DropReason,
  type FilePublisherOptions,
  type HttpPublisherOptions,
  type SamplePublisher,
  type TransportLogger,
  type WireSample,
} from './transport/index.js';
