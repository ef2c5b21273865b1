import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { Backoff, type BackoffOptions } from './backoff.js';
import { chunks, NOTIFICATION_PROPERTIES, notificationBody, POLLING_PUBLISHER_ID } from './notification.js';
import { redactText, redactUrl, urlSecrets } from './redact.js';
import {
  PublishError,
  SILENT_LOGGER,
  type SamplePublisher,
  type TransportLogger,
  type WireSample,
} from './types.js';

export interface AmqpPublisherOptions {
  /**
   * `amqp://user:pass@host:port/vhost` (or oslo's `rabbit://…`, same meaning; `amqps://` for TLS).
   * The password never appears in logs or errors.
   */
  url: string;
  /** oslo's control_exchange; Ceilometer sets `ceilometer`. */
  exchange?: string;
  /** `[oslo_messaging_notifications] topics`; the routing key is `<topic>.sample`. Default `notifications`. */
  topic?: string;
  /** Must match the deployment (`amqp_durable_queues`), or RabbitMQ answers 406. Default false. */
  durable?: boolean;
  /** `amqp_auto_delete`. Default false. */
  autoDelete?: boolean;
  /**
   * Declare the topic exchange and the `<topic>.sample` queue and bind them, as oslo.messaging does
   * before each notification, so nothing is lost before the notification agent consumes. When false,
   * only check that the exchange exists. Default true.
   */
  declare?: boolean;
  /** Samples per notification (`[polling] batch_size`). Default 50. */
  batchSize?: number;
  /** Notifications published per call before waiting for the broker's confirms. Default 20. */
  confirmWindow?: number;
  /** Default `ceilometer.polling`, which the notification agent's telemetry endpoint expects. */
  publisherId?: string;
  /** Connection name shown in the RabbitMQ management UI. */
  connectionName?: string;
  connectTimeoutMs?: number;
  /** How long to wait for the broker's publisher confirms before treating a batch as failed. */
  confirmTimeoutMs?: number;
  heartbeatSeconds?: number;
  /** Reconnect delays after a failed attempt or a lost connection (jittered, exponential). */
  reconnect?: BackoffOptions;
  logger?: TransportLogger;
}

interface Connected {
  model: ChannelModel;
  channel: ConfirmChannel;
}

/**
 * Publishes batches of signed sample dicts to RabbitMQ as the Ceilometer polling agent does:
 * `telemetry.polling` notifications on the `ceilometer` topic exchange, routing key
 * `notifications.sample`, over a confirm channel. A batch counts as published only once the
 * broker confirmed it.
 *
 * Connection trouble never throws out of the process: the publisher reconnects in the background
 * with jittered backoff, and meanwhile rejects `publish` at once so the delivery queue keeps the
 * samples. It logs one line per change of state, never per retry: one error when RabbitMQ becomes
 * unavailable (another only for a cause not met yet in this outage), one line when it is back.
 * A lost connection is reported with the outcome of the first reconnection, so a broker that went
 * away costs one line that says why, and a blip that heals at once one warning.
 */
export class AmqpPublisher implements SamplePublisher {
  readonly name = 'amqp';
  readonly logsOutages = true;
  readonly #url: string;
  readonly #safeUrl: string;
  readonly #secrets: string[];
  readonly #exchange: string;
  readonly #routingKey: string;
  readonly #options: AmqpPublisherOptions;
  readonly #logger: TransportLogger;
  readonly #backoff: Backoff;
  readonly #batchSize: number;
  readonly batchesPerCall: number;
  #connected: Connected | undefined;
  #connecting: Promise<Connected> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryAt = 0;
  #lastProblem: string | undefined;
  /** The causes logged during the current outage: a broker that is booting flips between several. */
  readonly #loggedProblems = new Set<string>();
  /** Why the connection went, while the first reconnection has not told yet whether it is an outage. */
  #lost: string | undefined;
  #everConnected = false;
  #closed = false;
  #body = Buffer.alloc(0);

  constructor(options: AmqpPublisherOptions) {
    this.#options = options;
    this.#url = connectionUrl(options.url, options.heartbeatSeconds ?? 30);
    this.#safeUrl = redactUrl(options.url);
    this.#secrets = urlSecrets(options.url);
    this.#exchange = options.exchange ?? 'ceilometer';
    this.#routingKey = `${options.topic ?? 'notifications'}.sample`;
    this.#batchSize = options.batchSize ?? 50;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.#batchSize}`);
    }
    this.batchesPerCall = options.confirmWindow ?? 20;
    if (!Number.isInteger(this.batchesPerCall) || this.batchesPerCall < 1) {
      throw new RangeError(`confirmWindow must be a positive integer, got ${this.batchesPerCall}`);
    }
    this.#logger = options.logger ?? SILENT_LOGGER;
    this.#backoff = new Backoff(options.reconnect ?? { minMs: 500, maxMs: 30_000 });
  }

  /** True while a confirm channel is open. */
  get connected(): boolean {
    return this.#connected !== undefined;
  }

  /** The routing key notifications are published with (`<topic>.sample`). */
  get routingKey(): string {
    return this.#routingKey;
  }

  async publish(samples: readonly WireSample[]): Promise<void> {
    if (samples.length === 0) return;
    const { model, channel } = await this.#ensureConnected();
    const batches = chunks(samples, this.#batchSize);
    // Every notification goes on the wire before any confirm is awaited: one round trip per call.
    const confirmed = batches.map(() => false);
    try {
      const confirms: Array<Promise<void>> = [];
      for (const [i, batch] of batches.entries()) {
        const body = notificationBody(batch, {
          publisherId: this.#options.publisherId ?? POLLING_PUBLISHER_ID,
          allocate: (size) => this.#bodyBuffer(size),
        });
        let written = true;
        confirms.push(
          new Promise<void>((resolve, reject) => {
            written = channel.publish(
              this.#exchange,
              this.#routingKey,
              body,
              NOTIFICATION_PROPERTIES,
              (error) => {
                if (error) return reject(error instanceof Error ? error : new Error(String(error)));
                confirmed[i] = true;
                resolve();
              },
            );
          }),
        );
        if (!written) await new Promise<void>((resolve) => channel.once('drain', resolve));
      }
      await withTimeout(
        Promise.all(confirms),
        this.#options.confirmTimeoutMs ?? 15_000,
        'publisher confirms',
      );
    } catch (error) {
      // Nacked, timed out or the channel died: start over on a fresh connection. The notifications
      // confirmed ahead of the first unconfirmed one are delivered and must not be sent again.
      const message = this.#describe(error);
      this.#dropConnection(model, `publishing failed: ${message}`);
      const unconfirmed = confirmed.indexOf(false);
      const leading = unconfirmed === -1 ? batches : batches.slice(0, unconfirmed);
      const delivered = leading.reduce((sum, batch) => sum + batch.length, 0);
      throw new PublishError(`publishing to ${this.#safeUrl} failed: ${message}`, {
        delivered,
        retryInMs: this.#retryIn(),
      });
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const pending = this.#connecting;
    if (pending) await pending.catch(() => undefined);
    const current = this.#connected;
    this.#connected = undefined;
    if (current) await current.model.close().catch(() => undefined);
  }

  /**
   * Room for one notification body. amqplib copies a message's content into its own frames before
   * `publish` returns, so one buffer serves every body: a new one each was ~300 MB of buffers per
   * 10,000-LPAR cycle, and that much external memory made V8 collect the heap over and over
   * (bench/ceilometer).
   */
  #bodyBuffer(size: number): Buffer {
    if (this.#body.length < size) this.#body = Buffer.allocUnsafeSlow(Math.max(size, 2 * this.#body.length));
    return this.#body.subarray(0, size);
  }

  #ensureConnected(): Promise<Connected> {
    if (this.#closed) return Promise.reject(new PublishError('the AMQP publisher is closed'));
    if (this.#connected) return Promise.resolve(this.#connected);
    if (this.#connecting) return this.#connecting;
    const wait = this.#retryAt - Date.now();
    if (wait > 0) {
      return Promise.reject(
        new PublishError(
          `not connected to ${this.#safeUrl} (${this.#lost ?? this.#lastProblem ?? 'connecting'}); next attempt in ${wait} ms`,
          { retryInMs: wait },
        ),
      );
    }
    this.#connecting = this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<Connected> {
    let model: ChannelModel | undefined;
    const timeout = this.#options.connectTimeoutMs ?? 10_000;
    const connecting = amqp.connect(this.#url, {
      timeout,
      // Each batch waits for its confirm; with Nagle's algorithm on, that wait met the broker's
      // delayed ACK and cost ~44 ms per batch (bench/ceilometer: 1,100 samples/s).
      noDelay: true,
      clientProperties: { connection_name: this.#options.connectionName ?? 'powervm-exporter' },
    });
    try {
      model = await withTimeout(connecting, timeout, 'connecting');
      const opened = model;
      opened.on('error', () => undefined); // 'close' follows with the same error
      opened.on('close', (error?: Error) => this.#onClosed(opened, error));
      opened.on('blocked', (reason: string) =>
        this.#logger.warn({ url: this.#safeUrl, reason }, 'RabbitMQ blocked publishing (resource alarm)'),
      );
      const channel = await opened.createConfirmChannel();
      channel.on('error', () => undefined);
      // Deferred: when the whole connection goes, its own 'close' (with the reason) comes first.
      channel.on('close', () =>
        setImmediate(() => this.#dropConnection(opened, 'the channel was closed by the broker')),
      );
      await this.#declare(channel);
      if (this.#closed) throw new PublishError('the AMQP publisher is closed');
      this.#connected = { model: opened, channel };
      this.#backoff.reset();
      this.#retryAt = 0;
      this.#logConnected();
      return this.#connected;
    } catch (error) {
      if (model) await model.close().catch(() => undefined);
      else connecting.then((late) => late.close()).catch(() => undefined);
      const message = this.#describe(error);
      this.#logUnavailable(`cannot connect: ${message}`);
      this.#scheduleRetry();
      throw new PublishError(`cannot connect to ${this.#safeUrl}: ${message}`, {
        retryInMs: this.#retryIn(),
        cause: error,
      });
    }
  }

  #logConnected(): void {
    const fields = { url: this.#safeUrl, exchange: this.#exchange, routingKey: this.#routingKey };
    if (this.#lost !== undefined) {
      this.#logger.warn({ ...fields, problem: this.#lost }, 'RabbitMQ connection lost and re-established');
    } else if (this.#lastProblem !== undefined || !this.#everConnected) {
      this.#logger.info(fields, this.#everConnected ? 'reconnected to RabbitMQ' : 'connected to RabbitMQ');
    }
    this.#everConnected = true;
    this.#lastProblem = undefined;
    this.#lost = undefined;
    this.#loggedProblems.clear();
  }

  /** One error per outage, and another only for a cause not met yet in it (e.g. refused, then bad credentials). */
  #logUnavailable(problem: string): void {
    const lost = this.#lost;
    this.#lost = undefined;
    this.#lastProblem = problem;
    if (this.#loggedProblems.has(problem)) return;
    this.#loggedProblems.add(problem);
    this.#logger.error(
      { url: this.#safeUrl, problem: lost === undefined ? problem : `${lost}; then ${problem}` },
      'RabbitMQ unavailable; samples stay queued while the publisher reconnects',
    );
  }

  async #declare(channel: ConfirmChannel): Promise<void> {
    if (this.#options.declare === false) {
      await channel.checkExchange(this.#exchange);
      return;
    }
    const flags = { durable: this.#options.durable ?? false, autoDelete: this.#options.autoDelete ?? false };
    await channel.assertExchange(this.#exchange, 'topic', flags);
    await channel.assertQueue(this.#routingKey, flags);
    await channel.bindQueue(this.#routingKey, this.#exchange, this.#routingKey);
  }

  #onClosed(model: ChannelModel, error: Error | undefined): void {
    if (this.#connected?.model !== model) return;
    this.#connectionLost(`connection lost: ${error ? this.#describe(error) : 'closed'}`);
  }

  #dropConnection(model: ChannelModel, why: string): void {
    if (this.#connected?.model === model) this.#connectionLost(why);
    model.close().catch(() => undefined);
  }

  /** Not logged yet: the first reconnection tells an outage (logged with its cause) from a blip. */
  #connectionLost(why: string): void {
    this.#connected = undefined;
    if (this.#closed) return;
    this.#lost = why;
    this.#scheduleRetry();
  }

  /** Reconnects in the background after a backoff. */
  #scheduleRetry(): void {
    const delay = this.#backoff.next();
    this.#retryAt = Date.now() + delay;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (this.#closed || this.#connected || this.#connecting) return;
      this.#retryAt = 0;
      this.#ensureConnected().catch(() => undefined);
    }, delay);
    this.#retryTimer.unref();
  }

  /** Until the background reconnection; 0 when one is under way or due (a publish joins it). */
  #retryIn(): number {
    return Math.max(0, this.#retryAt - Date.now());
  }

  #describe(error: unknown): string {
    const text = error instanceof Error ? error.message : String(error);
    const hint = /ACCESS.REFUSED/.test(text) ? ' (wrong user or password?)' : '';
    return redactText(text, this.#secrets) + hint;
  }
}

/** amqplib's URL: oslo's `rabbit://` scheme mapped to `amqp://`, and a heartbeat unless one is given. */
export function connectionUrl(url: string, heartbeatSeconds: number): string {
  const mapped = url.replace(/^rabbit:\/\//i, 'amqp://');
  if (/[?&]heartbeat=/.test(mapped)) return mapped;
  return `${mapped}${mapped.includes('?') ? '&' : '?'}heartbeat=${heartbeatSeconds}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
