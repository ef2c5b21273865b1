import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RabbitMQ } from '../../test/support/rabbitmq.js';

/**
 * A private RabbitMQ for the Ceilometer benchmark: the tests' recipe (Debian's rabbitmq-server on
 * 127.0.0.1, free ports, all state in a temp dir). `stop` ends the broker and the epmd it started,
 * by PID, and removes the state.
 */
export interface BenchBroker {
  /** `amqp://guest:guest@127.0.0.1:<port>/` */
  amqpUrl: string;
  stop(): Promise<void>;
}

export async function startBroker(): Promise<BenchBroker> {
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-bench-rabbitmq-'));
  const stop = async (): Promise<void> => {
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  let broker: RabbitMQ | undefined;
  try {
    broker = await RabbitMQ.create(dir);
    await broker.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { amqpUrl: broker.amqpUrl, stop };
}
