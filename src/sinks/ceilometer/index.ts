// Ceilometer publisher: the pure half (signature, profiles, conversion, identity).
export { signSample, signaturePairs, verifySample } from './sign.js';
export {
  PROFILE_NAMES,
  PROFILES,
  isProfileName,
  metersOf,
  profile,
  type CeilometerProfile,
  type ProfileName,
  type ProfiledMeter,
} from './profiles.js';
export { REQUIRED_KEYS, problemOf, type CeilometerSample } from './sample.js';
export {
  convertReadings,
  formatTimestamp,
  type Conversion,
  type ConvertOptions,
  type LparCounts,
  type RejectedSample,
} from './convert.js';
export {
  meteringMetadata,
  powervmUuid,
  type InstanceDirectory,
  type InstanceIdentity,
  type LparRef,
} from './identity/directory.js';
export { StaticDirectory, StaticFileDirectory, parseStaticMapping } from './identity/static.js';
export { IdentityError, NovaDirectory, type NovaDirectoryOptions } from './identity/nova.js';

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
  type WireDict,
  type WireSample,
} from './transport/index.js';
export { CeilometerSink, type CeilometerSinkOptions } from './ceilometer-sink.js';
