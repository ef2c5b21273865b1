import amqp from 'amqplib';

/**
 * Counts the Ceilometer samples that reached RabbitMQ: consumes the `<topic>.sample` queue (where
 * Ceilometer's notification agent would read) and adds up the samples of each notification.
 * `stop` waits until the queue stays empty for a moment, then returns the count.
 */
export async function countDelivered(url: string, topic: string): Promise<{ stop(): Promise<number> }> {
  const queue = `${topic}.sample`;
  const connection = await amqp.connect(url);
  const channel = await connection.createChannel();
  // Declared as the publisher declares it (not durable, not auto-deleted), so either may come first.
  await channel.assertQueue(queue, { durable: false, autoDelete: false });
  let samples = 0;
  let lastMessage = Date.now();
  await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const envelope = JSON.parse(message.content.toString()) as { 'oslo.message': string };
      const inner = JSON.parse(envelope['oslo.message']) as { payload: { samples: unknown[] } };
      samples += inner.payload.samples.length;
      lastMessage = Date.now();
    },
    { noAck: true },
  );
  return {
    async stop() {
      while (Date.now() - lastMessage < 2_000) await new Promise((resolve) => setTimeout(resolve, 250));
      await connection.close();
      return samples;
    },
  };
}
