import amqp from 'amqplib';
import { CEILOMETER_BUS, keyOf, type Bus, type SampleKey } from './ceilometer-exporter.js';

/** One sample as it arrived on the bus. */
export interface Arrival {
  messageId: string;
  key: SampleKey;
}

/**
 * Stands where ceilometer-agent-notification stands: consumes `<topic>.sample` on the exchange
 * (declared as the exporter declares them) and unpacks each oslo notification into the samples it
 * carries, in arrival order. It survives the broker going away; `reconnect` resumes consuming.
 */
export class BrokerTap {
  readonly arrivals: Arrival[] = [];
  #connection: amqp.ChannelModel | undefined;

  private constructor(
    private readonly amqpUrl: string,
    private readonly bus: Bus,
  ) {}

  /** Starts consuming, after emptying the queue of what earlier tests left there. */
  static async start(amqpUrl: string, bus: Bus = CEILOMETER_BUS): Promise<BrokerTap> {
    const tap = new BrokerTap(amqpUrl, bus);
    await tap.#consume(true);
    return tap;
  }

  /** Consumes again, after a broker restart; samples that arrived before are kept. */
  async reconnect(): Promise<void> {
    await this.stop();
    await this.#consume(false);
  }

  async #consume(purge: boolean): Promise<void> {
    const connection = await amqp.connect(this.amqpUrl);
    connection.on('error', () => undefined); // a broker restart; 'close' follows
    this.#connection = connection;
    const channel = await connection.createChannel();
    const { exchange, durable } = this.bus;
    const queue = `${this.bus.topic}.sample`;
    await channel.assertExchange(exchange, 'topic', { durable, autoDelete: false });
    await channel.assertQueue(queue, { durable, autoDelete: false });
    await channel.bindQueue(queue, exchange, queue);
    if (purge) await channel.purgeQueue(queue);
    await channel.consume(
      queue,
      (message) => {
        if (!message) return;
        const envelope = JSON.parse(message.content.toString('utf8')) as Record<string, string>;
        const inner = JSON.parse(envelope['oslo.message'] ?? '{}') as {
          payload: { samples: Record<string, unknown>[] };
        };
        for (const sample of inner.payload.samples) {
          this.arrivals.push({ messageId: String(sample['message_id']), key: keyOf(sample) });
        }
      },
      { noAck: true },
    );
  }

  /** message_ids that arrived more than once, each counted once per extra copy. */
  duplicates(): number {
    return this.arrivals.length - new Set(this.arrivals.map((a) => a.messageId)).size;
  }

  /** The distinct samples that arrived. */
  keys(): Set<SampleKey> {
    return new Set(this.arrivals.map((a) => a.key));
  }

  async stop(): Promise<void> {
    await this.#connection?.close().catch(() => undefined);
    this.#connection = undefined;
  }
}
