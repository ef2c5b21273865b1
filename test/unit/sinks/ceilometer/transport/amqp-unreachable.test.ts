import { describe, expect, it } from 'vitest';
import { AmqpPublisher } from '../../../../../src/sinks/ceilometer/transport/amqp-publisher.js';
import { PublishError } from '../../../../../src/sinks/ceilometer/transport/types.js';
import { FaultProxy } from '../../../../support/fault-proxy.js';
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
    // Each says when the next background attempt is, so the delivery queue waits no longer.
    for (const error of errors as PublishError[]) {
      expect(error.retryInMs).toBeGreaterThanOrEqual(0);
      expect(error.retryInMs).toBeLessThanOrEqual(20);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]?.level).toBe('error');
    const text = JSON.stringify([logged, errors.map((e) => (e as Error).message)]);
    expect(text).toContain(`ceilo:***@127.0.0.1:${port}`);
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toMatch(/Top|Secret/);
  });

  it('logs each cause once per outage, even when the broker flips between them as it boots', async () => {
    // Nothing behind the proxy: while it listens, connections are accepted and cut; while down, refused.
    const proxy = await FaultProxy.start(await freePort());
    const problems: string[] = [];
    const publisher = new AmqpPublisher({
      url: `amqp://ceilo:pw@127.0.0.1:${proxy.port}/`,
      reconnect: { minMs: 5, maxMs: 10 },
      logger: {
        info: () => undefined,
        warn: () => undefined,
        error: (obj: object) => void problems.push(String((obj as { problem: string }).problem)),
      },
    });
    try {
      for (let phase = 0; phase < 6; phase++) {
        if (phase % 2 === 0) await proxy.down();
        else await proxy.up();
        await new Promise((resolve) => setTimeout(resolve, 40)); // past the backoff: attempts happen
        await publisher.publish([{ counter_name: 'cpu' }]).catch(() => undefined);
      }
    } finally {
      await publisher.close();
      await proxy.close();
    }
    expect(problems.filter((problem) => problem.includes('ECONNREFUSED'))).toHaveLength(1);
    expect(new Set(problems).size).toBe(problems.length);
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a zero batch size', () => {
    expect(() => new AmqpPublisher({ url: 'amqp://127.0.0.1/', batchSize: 0 })).toThrow(RangeError);
  });
});
