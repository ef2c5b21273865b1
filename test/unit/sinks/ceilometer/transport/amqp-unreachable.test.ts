import { describe, expect, it } from 'vitest';
import { AmqpPublisher } from '../../../../../src/sinks/ceilometer/transport/amqp-publisher.js';
import { PublishError } from '../../../../../src/sinks/ceilometer/transport/types.js';
import { freePort } from '../../../../support/ports.js';

describe('AmqpPublisher without a broker', () => {
  it('rejects publish, logs one redacted error for repeated failures, and keeps retrying', async () => {
    const port = await freePort(); // nothing listens there
    const logged: { level: string; obj: object; msg: string }[] = [];
    const log = (level: string) => (obj: object, msg: string) => logged.push({ level, obj, msg });
    const publisher = new AmqpPublisher({
      url: `amqp://ceilo:Top%23Secret@127.0.0.1:${port}/`,
      reconnect: { minMs: 10, maxMs: 20 },
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
    });
    const errors: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      errors.push(await publisher.publish([{ counter_name: 'cpu' }]).catch((e: unknown) => e));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await publisher.close();
    expect(errors.every((e) => e instanceof PublishError && !e.permanent)).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe('error');
    const text = JSON.stringify([logged, errors.map((e) => (e as Error).message)]);
    expect(text).toContain(`ceilo:***@127.0.0.1:${port}`);
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toMatch(/Top|Secret/);
  });

  it('refuses a zero batch size', () => {
    expect(() => new AmqpPublisher({ url: 'amqp://127.0.0.1/', batchSize: 0 })).toThrow(RangeError);
  });
});
