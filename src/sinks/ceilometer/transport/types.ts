import type { EncodedSample } from './encoded-sample.js';

/** A signed meter dict as `meter_message_from_counter` returns it (the polling agent's wire dict). */
export type WireDict = Readonly<Record<string, unknown>>;

/** A sample to deliver: its wire dict, or that dict's JSON bytes (converted on another thread). */
export type WireSample = WireDict | EncodedSample;

/**
 * Delivers batches of wire samples to one destination (RabbitMQ, an HTTP endpoint, a file).
 *
 * `publish` resolves once the destination accepted the whole batch and rejects otherwise; a
 * rejection with a {@link PublishError} whose `permanent` is true means "retrying cannot help"
 * (the delivery queue drops the batch as `rejected`), anything else is retried.
 */
export interface SamplePublisher {
  readonly name: string;
  /**
   * True when the publisher logs its own outages and recoveries (AMQP: it knows the connection
   * and why it failed); the delivery queue then stays quiet about them, so each is logged once.
   */
  readonly logsOutages?: boolean;
  /**
   * Batches the publisher takes in one call and keeps on the wire at once (AMQP: notifications
   * awaiting the broker's confirms). Default 1: one batch per call.
   */
  readonly batchesPerCall?: number;
  publish(samples: readonly WireSample[]): Promise<void>;
  close(): Promise<void>;
}

export class PublishError extends Error {
  readonly permanent: boolean;
  /** Samples at the start of the call that did reach the destination before it failed. */
  readonly delivered: number;
  /**
   * When the publisher can next try, if it keeps its own schedule (AMQP reconnects in the
   * background): the delivery queue then waits this long instead of backing off on its own.
   */
  readonly retryInMs: number | undefined;
  constructor(
    message: string,
    options: { permanent?: boolean; delivered?: number; retryInMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PublishError';
    this.permanent = options.permanent ?? false;
    this.delivered = options.delivered ?? 0;
    this.retryInMs = options.retryInMs;
  }
}

/** The part of a pino logger the transport uses; the caller supplies it (default: silent). */
export interface TransportLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const SILENT_LOGGER: TransportLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
