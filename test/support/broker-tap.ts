import amqp from 'amqplib';
import { keyOf, type SampleKey } from './ceilometer-exporter.js';

/** One sample as it arrived on the bus. */
export interface Arrival {
  messageId: string;
  key: SampleKey;
}

/**
 * Stands where ceilometer-agent-notification stands: consumes `notifications.sample` on the
 * `ceilometer` exchange (declared as the exporter declares them) and unpacks each oslo
 * notification into the samples it carries, in arrival order.
 */
export class BrokerTap {
  readonly arrivals: Arrival[] = [];

  private constructor(private readonly connection: amqp.ChannelModel) {}

  /** Starts consuming, after emptying the queue of what earlier tests left there. */
  static async start(amqpUrl: string): Promise<BrokerTap> {
    const connection = await amqp.connect(amqpUrl);
    const tap = new BrokerTap(connection);
    const channel = await connection.createChannel();
    const flags = { durable: false, autoDelete: false };
    await channel.assertExchange('ceilometer', 'topic', flags);
    await channel.assertQueue('notifications.sample', flags);
    await channel.bindQueue('notifications.sample', 'ceilometer', 'notifications.sample');
    await channel.purgeQueue('notifications.sample');
    await channel.consume(
      'notifications.sample',
      (message) => {
        if (!message) return;
        const envelope = JSON.parse(message.content.toString('utf8')) as Record<string, string>;
        const inner = JSON.parse(envelope['oslo.message'] ?? '{}') as {
          payload: { samples: Record<string, unknown>[] };
        };
        for (const sample of inner.payload.samples) {
          tap.arrivals.push({ messageId: String(sample['message_id']), key: keyOf(sample) });
        }
      },
      { noAck: true },
    );
    return tap;
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
    await this.connection.close().catch(() => undefined);
  }
}
