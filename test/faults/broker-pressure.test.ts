import { describe, expect, it } from 'vitest';
import { expectDelivered, lines, useBrokerFaultSuite } from '../support/broker-fault-suite.js';
import { eventually, LEVEL } from '../support/ceilometer-exporter.js';
import { sleep } from '../support/processes.js';

// A broker that answers slowly, a queue too small for the outage, a password that is wrong: what
// the user sees on /metrics, in the logs and on notifications.sample.

const suite = useBrokerFaultSuite();

const UNAVAILABLE = 'RabbitMQ unavailable; samples stay queued while the publisher reconnects';

describe('RabbitMQ under pressure, seen from the Ceilometer sink', () => {
  it('waits out slow publisher confirms with the backlog visible on /metrics, and delivers everything once', async () => {
    const { exporter, proxy, tap } = await suite.setUp({ batchSize: 10 });
    await eventually('first samples published', async () =>
      (await exporter.metrics()).published > 0 ? true : undefined,
    );

    // Every byte from the broker, confirms included, now arrives 1.5 s late.
    proxy.delayFromServer(1_500);
    const backlog = await eventually('a backlog on /metrics', async () => {
      const m = await exporter.metrics();
      return m.queued > 10 ? m : undefined;
    });
    await eventually('delivery going on, slowly, behind the backlog', async () => {
      const m = await exporter.metrics();
      return m.published > backlog.published && m.queued > 0 ? m : undefined;
    });
    proxy.delayFromServer(0);

    // Confirms came late but well within the confirm timeout (15 s): no batch failed, so none was
    // sent twice; at-least-once would allow a second copy only of a batch that failed.
    const final = await expectDelivered(exporter, tap, { duplicatesAllowed: 0 });
    expect(final.batchesFailed).toBe(0);
    expect(final.queueFull).toBe(0);
    // Slowness is no outage: nothing logged after connecting.
    expect(lines(exporter)).toEqual([{ level: LEVEL.info, msg: 'connected to RabbitMQ' }]);
  }, 90_000);

  it('drops exactly the overflow, oldest first, while the broker is away, and delivers the newest', async () => {
    const capacity = 200; // more than one cycle of this estate (about 130 samples), less than an outage's
    const { exporter, proxy, tap } = await suite.setUp({ queueSize: capacity, batchSize: 10 });
    await eventually('first samples published', async () =>
      (await exporter.metrics()).published > 0 ? true : undefined,
    );
    await proxy.down();
    const full = await eventually('the queue overflowing', async () => {
      const m = await exporter.metrics();
      return m.queueFull > capacity ? m : undefined;
    });
    expect(full.queued).toBe(capacity);
    exporter.freeze();
    await sleep(1_500); // a poll under way may still bring one last cycle
    await proxy.up();

    const final = await expectDelivered(exporter, tap, { duplicatesAllowed: 0 });
    expect(final.queueFull).toBeGreaterThan(capacity);
    // The oldest went: the newest samples all arrived on recovery. All `capacity` of them, unless a
    // cycle came while a batch was on the wire (a failing attempt): that batch is never dropped, so
    // up to one batch (10) of older samples may have taken the place of newer ones.
    const delivered = tap.keys();
    expect(exporter.accepted.slice(-(capacity - 10)).filter((key) => !delivered.has(key))).toEqual([]);

    // One line when the outage starts, one when the queue starts dropping, one on recovery.
    expect(lines(exporter)).toEqual([
      { level: LEVEL.info, msg: 'connected to RabbitMQ' },
      { level: LEVEL.error, msg: UNAVAILABLE },
      {
        level: LEVEL.warn,
        msg: 'sample queue full: dropping the oldest samples until it drains (counted as queue_full)',
      },
      { level: LEVEL.info, msg: 'reconnected to RabbitMQ' },
    ]);
  }, 90_000);

  it('logs wrong credentials once, with the URL redacted, and keeps retrying with backoff', async () => {
    const { exporter } = await suite.setUp({
      url: suite.broker.amqpUrl.replace('guest:guest', 'guest:Wr0ngPass'),
    });
    const refused = await eventually('failed attempts with samples queued', async () => {
      const m = await exporter.metrics();
      return m.batchesFailed > 0 && m.queued > 0 ? m : undefined;
    });
    await sleep(3_000);
    const later = await exporter.metrics();
    expect(later.batchesFailed).toBeGreaterThan(refused.batchesFailed);
    expect(later.batchesFailed - refused.batchesFailed).toBeLessThanOrEqual(4);
    expect(later.published).toBe(0);

    expect(lines(exporter)).toEqual([{ level: LEVEL.error, msg: UNAVAILABLE }]);
    const [line] = exporter.logs;
    expect(line?.['url']).toBe(`amqp://guest:***@127.0.0.1:${suite.broker.port}/`);
    expect(line?.['problem']).toMatch(/ACCESS.REFUSED.*\(wrong user or password\?\)/);
    const everything = JSON.stringify(exporter.logs) + (await exporter.scrape());
    expect(everything).not.toContain('Wr0ngPass');
    expect(await exporter.scrape()).toMatch(/^powervm_up\{[^}]*\} 1$/m);
  }, 60_000);
});
