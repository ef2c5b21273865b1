import { describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../../../../src/sinks/ceilometer/transport/delivery-queue.js';
import {
  PublishError,
  type SamplePublisher,
  type TransportLogger,
  type WireDict,
} from '../../../../../src/sinks/ceilometer/transport/types.js';

/** A publisher the test controls: records delivered batches, fails while `down` is set. */
class ScriptedPublisher implements SamplePublisher {
  readonly name = 'scripted';
  readonly delivered: WireDict[][] = [];
  down: PublishError | undefined;
  calls = 0;
  async publish(samples: readonly WireDict[]): Promise<void> {
    this.calls += 1;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.down) throw this.down;
    this.delivered.push([...samples]);
  }
  async close(): Promise<void> {}
  ids(): number[] {
    return this.delivered.flat().map((sample) => sample['n'] as number);
  }
}

const samples = (from: number, count: number): WireDict[] =>
  Array.from({ length: count }, (_, i) => ({ n: from + i }));

const fastRetry = { minMs: 5, maxMs: 10 };

/** A logger that appends `level message` to `lines`. */
function recording(lines: string[]): TransportLogger {
  const log = (level: string) => (_: object, msg: string) => void lines.push(`${level} ${msg}`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

describe('DeliveryQueue', () => {
  it('returns from enqueue at once and delivers everything in order, in batches', async () => {
    const publisher = new ScriptedPublisher();
    const queue = new DeliveryQueue({ publisher, batchSize: 4, retry: fastRetry });
    queue.enqueue(samples(0, 10));
    expect(publisher.delivered).toEqual([]);
    expect(queue.stats().depth).toBe(10);
    expect(await queue.flush(2_000)).toBe(true);
    expect(publisher.delivered.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(publisher.ids()).toEqual(samples(0, 10).map((s) => s['n']));
    expect(queue.stats()).toEqual({
      published: 10,
      batches: 3,
      failures: 0,
      depth: 0,
      capacity: 10_000,
      dropped: { queue_full: 0, rejected: 0, shutdown: 0 },
    });
  });

  it('keeps samples while the publisher fails and delivers them, in order, once it recovers', async () => {
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('broker away');
    const queue = new DeliveryQueue({ publisher, batchSize: 3, capacity: 100, retry: fastRetry });
    queue.enqueue(samples(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 60));
    queue.enqueue(samples(5, 5));
    expect(queue.stats().failures).toBeGreaterThan(1);
    expect(queue.stats().depth).toBe(10);
    publisher.down = undefined;
    expect(await queue.flush(2_000)).toBe(true);
    expect(publisher.ids()).toEqual(samples(0, 10).map((s) => s['n']));
    expect(queue.stats().published).toBe(10);
    expect(queue.stats().dropped.queue_full).toBe(0);
  });

  it('drops the oldest samples when full and counts them as queue_full', async () => {
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('broker away');
    const queue = new DeliveryQueue({ publisher, batchSize: 2, capacity: 5, retry: fastRetry });
    queue.enqueue(samples(0, 3)); // 0 and 1 go on the wire at once, 2 waits
    queue.enqueue(samples(3, 4)); // 7 into 5: the two oldest waiting ones (2, 3) go
    expect(queue.stats().depth).toBe(5);
    expect(queue.stats().dropped.queue_full).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    publisher.down = undefined;
    expect(await queue.flush(2_000)).toBe(true);
    expect(publisher.ids()).toEqual([0, 1, 4, 5, 6]);
  });

  it('never drops the batch on the wire to make room', async () => {
    let release: () => void = () => undefined;
    const delivered: WireDict[][] = [];
    const publisher: SamplePublisher = {
      name: 'slow',
      publish: (batch: readonly WireDict[]) =>
        new Promise<void>((resolve) => {
          release = () => {
            delivered.push([...batch]);
            resolve();
          };
        }),
      close: async () => undefined,
    };
    const queue = new DeliveryQueue({ publisher, batchSize: 2, capacity: 3, retry: fastRetry });
    queue.enqueue(samples(0, 2));
    await new Promise((resolve) => setImmediate(resolve));
    queue.enqueue(samples(2, 3)); // 2 in flight + 3 queued > 3: only queued ones (2, 3) may go
    expect(queue.stats().dropped.queue_full).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await queue.flush(1_000);
    expect(delivered.flat().map((s) => s['n'])).toEqual([0, 1, 4]);
  });

  it('drops a batch the destination rejects for good and counts it as rejected', async () => {
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('400 bad request', { permanent: true });
    const queue = new DeliveryQueue({ publisher, batchSize: 2, retry: fastRetry });
    queue.enqueue(samples(0, 3));
    expect(await queue.flush(2_000)).toBe(true);
    expect(queue.stats()).toMatchObject({ failures: 2, published: 0, dropped: { rejected: 3 } });
    expect(publisher.calls).toBe(2);
  });

  it('logs once when delivery starts failing and once when it recovers', async () => {
    const lines: string[] = [];
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('away');
    const queue = new DeliveryQueue({ publisher, retry: fastRetry, logger: recording(lines) });
    queue.enqueue(samples(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 80));
    publisher.down = undefined;
    await queue.flush(1_000);
    expect(publisher.calls).toBeGreaterThan(3);
    expect(lines).toEqual([
      expect.stringMatching(/^warn sample delivery failing/),
      'info sample delivery recovered',
    ]);
  });

  it('leaves outages to a publisher that logs its own, so each is logged once', async () => {
    const lines: string[] = [];
    const publisher = Object.assign(new ScriptedPublisher(), { logsOutages: true });
    publisher.down = new PublishError('away');
    const queue = new DeliveryQueue({ publisher, retry: fastRetry, logger: recording(lines) });
    queue.enqueue(samples(0, 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    publisher.down = undefined;
    expect(await queue.flush(1_000)).toBe(true);
    expect(publisher.calls).toBeGreaterThan(2);
    expect(lines).toEqual([]);
  });

  it('logs the queue overflowing once until it drains, however many samples it drops', async () => {
    const lines: string[] = [];
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('away');
    const queue = new DeliveryQueue({ publisher, capacity: 3, retry: fastRetry, logger: recording(lines) });
    const overflow = (): string[] => lines.filter((line) => line.includes('queue full'));
    for (let i = 0; i < 4; i++) queue.enqueue(samples(i * 5, 5));
    expect(queue.stats().dropped.queue_full).toBe(17);
    expect(overflow()).toHaveLength(1);
    publisher.down = undefined;
    expect(await queue.flush(1_000)).toBe(true);
    publisher.down = new PublishError('away again');
    queue.enqueue(samples(100, 5));
    expect(overflow()).toEqual([
      'warn sample queue full: dropping the oldest samples until it drains (counted as queue_full)',
      'warn sample queue full: dropping the oldest samples until it drains (counted as queue_full)',
    ]);
    await queue.close(0);
  });

  it('hands a pipelining publisher several batches per call and resends only what a failed call did not deliver', async () => {
    /** Takes 3 batches per call; its first call delivers 4 samples and then fails, as a cut connection would. */
    class Pipelining extends ScriptedPublisher {
      readonly batchesPerCall = 3;
      cutAfter: number | undefined = 4;
      override async publish(samples: readonly WireDict[]): Promise<void> {
        const cut = this.cutAfter;
        if (cut === undefined) return super.publish(samples);
        this.cutAfter = undefined;
        this.calls += 1;
        this.delivered.push(samples.slice(0, cut));
        throw new PublishError('connection cut', { delivered: cut });
      }
    }
    const publisher = new Pipelining();
    const queue = new DeliveryQueue({ publisher, batchSize: 2, retry: fastRetry });
    queue.enqueue(samples(0, 10));
    expect(await queue.flush(2_000)).toBe(true);
    expect(publisher.delivered.map((call) => call.length)).toEqual([4, 6]);
    expect(publisher.ids()).toEqual(samples(0, 10).map((s) => s['n']));
    expect(queue.stats()).toMatchObject({ published: 10, batches: 5, failures: 1, depth: 0 });
  });

  it("retries when the publisher says it can, not on its own backoff stacked on the publisher's", async () => {
    const publisher = new ScriptedPublisher();
    // The publisher reconnects on its own schedule and says when: 40 ms, however long it has failed.
    publisher.down = new PublishError('reconnecting', { retryInMs: 40 });
    const slowOwnBackoff = { minMs: 5_000, maxMs: 5_000 };
    const queue = new DeliveryQueue({ publisher, retry: slowOwnBackoff });
    queue.enqueue(samples(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // About 300 / 40 attempts; on the queue's own backoff there would have been one.
    expect(publisher.calls).toBeGreaterThanOrEqual(3);
    expect(publisher.calls).toBeLessThanOrEqual(9);
    publisher.down = undefined;
    expect(await queue.flush(1_000)).toBe(true);
    expect(publisher.ids()).toEqual([0, 1, 2, 3, 4]);
  });

  it('on close delivers what it can, then counts the rest as shutdown drops', async () => {
    const publisher = new ScriptedPublisher();
    publisher.down = new PublishError('away');
    const queue = new DeliveryQueue({ publisher, retry: fastRetry });
    queue.enqueue(samples(0, 4));
    await queue.close(50);
    expect(queue.stats()).toMatchObject({ depth: 0, dropped: { shutdown: 4 } });
    queue.enqueue(samples(4, 1));
    expect(queue.stats().dropped.shutdown).toBe(5);
  });

  it('rejects nonsense sizes', () => {
    const publisher = new ScriptedPublisher();
    expect(() => new DeliveryQueue({ publisher, capacity: 0 })).toThrow(RangeError);
    expect(() => new DeliveryQueue({ publisher, batchSize: 1.5 })).toThrow(RangeError);
  });
});
