import { describe, expect, it } from 'vitest';
import { expectDelivered, lines, useBrokerFaultSuite } from '../support/broker-fault-suite.js';
import { eventually, LEVEL } from '../support/ceilometer-exporter.js';
import { sleep } from '../support/processes.js';

// The user's view of a RabbitMQ outage: the Ceilometer sink's metrics on /metrics, its log lines,
// and what reaches the `notifications.sample` queue Ceilometer consumes. Most faults come from a
// proxy in front of one broker; the last test restarts RabbitMQ itself. The same restart at the
// DeliveryQueue level, with Ceilometer consuming, is in test/integration/ceilometer-amqp.test.ts.

const suite = useBrokerFaultSuite();

const UNAVAILABLE = 'RabbitMQ unavailable; samples stay queued while the publisher reconnects';

describe('RabbitMQ outages seen from the Ceilometer sink', () => {
  it('starts with the broker down, keeps serving /metrics, and delivers what it queued once the broker answers', async () => {
    const { exporter, proxy, tap } = await suite.setUp({ brokerDown: true });
    const waiting = await eventually('samples queued after a failed attempt', async () => {
      const m = await exporter.metrics();
      return m.queued > 0 && m.batchesFailed > 0 ? m : undefined;
    });
    expect(waiting.published).toBe(0);

    // The Prometheus side does not notice.
    const scrape = await exporter.scrape();
    expect(scrape).toMatch(/^powervm_up\{[^}]*\} 1$/m);
    expect(scrape).toMatch(/^powervm_lpar_cpu_seconds_total\{/m);

    // Retries back off: a publisher retrying at once would fail hundreds of times in 3 s.
    await sleep(3_000);
    const later = await exporter.metrics();
    expect(later.batchesFailed - waiting.batchesFailed).toBeLessThanOrEqual(4);
    expect(later.queued).toBeGreaterThan(waiting.queued);

    // One line for the outage, whatever the number of attempts: why, and where (password hidden).
    expect(lines(exporter)).toEqual([{ level: LEVEL.error, msg: UNAVAILABLE }]);
    const [outage] = exporter.logs;
    expect(outage?.['url']).toBe(`amqp://guest:***@127.0.0.1:${proxy.port}/`);
    expect(outage?.['problem']).toMatch(/^cannot connect: connect ECONNREFUSED/);

    await proxy.up();
    await expectDelivered(exporter, tap, { duplicatesAllowed: 0 });
    expect(lines(exporter)).toEqual([
      { level: LEVEL.error, msg: UNAVAILABLE },
      { level: LEVEL.info, msg: 'connected to RabbitMQ' },
    ]);
  }, 90_000);

  it.each(['reset', 'close'] as const)(
    'reconnects after the connection is cut (%s), once at once and once for an outage, losing no sample',
    async (how) => {
      const { exporter, proxy, tap } = await suite.setUp();
      await eventually('first samples published', async () => {
        const m = await exporter.metrics();
        return m.published > 0 ? m : undefined;
      });
      const connections = proxy.accepted;

      // A blip: the connection goes, the broker is still there.
      proxy.cut(how);
      await eventually('a new connection', () => (proxy.accepted > connections ? true : undefined));
      const afterBlip = (await exporter.metrics()).published;
      await eventually('samples published again', async () =>
        (await exporter.metrics()).published > afterBlip ? true : undefined,
      );

      // An outage: the connection goes and new ones are refused for a while.
      await proxy.down(how);
      await eventually('samples queued during the outage', async () =>
        (await exporter.metrics()).queued > 0 ? true : undefined,
      );
      await sleep(2_000);
      await proxy.up();

      const final = await expectDelivered(exporter, tap, {
        // A batch cut while waiting for its confirm is sent again: Ceilometer may see it twice.
        duplicatesAllowed: (m) => m.batchesFailed * 50,
      });
      expect(final.shutdown + final.queueFull).toBe(0);
      expect(lines(exporter)).toEqual([
        { level: LEVEL.info, msg: 'connected to RabbitMQ' },
        { level: LEVEL.warn, msg: 'RabbitMQ connection lost and re-established' },
        {
          level: LEVEL.error,
          msg: 'RabbitMQ unavailable; samples stay queued while the publisher reconnects',
        },
        { level: LEVEL.info, msg: 'reconnected to RabbitMQ' },
      ]);
      // The outage line says what happened and why it lasts.
      expect(exporter.logs[2]?.['problem']).toMatch(
        /^connection lost: .*; then cannot connect: .*ECONNREFUSED/,
      );
    },
    90_000,
  );

  it('rides out RabbitMQ restarting: reconnects, declares again, loses no confirmed sample', async () => {
    // Durable, so what the broker confirmed before it stopped is still queued after it restarts.
    const bus = { exchange: 'ceilometer_durable', topic: 'durable', durable: true };
    const { exporter, tap } = await suite.setUp({ url: suite.broker.amqpUrl, bus });
    await eventually('first samples published', async () =>
      (await exporter.metrics()).published > 0 ? true : undefined,
    );
    await suite.broker.stop();
    await suite.broker.start();
    await tap.reconnect();

    const final = await expectDelivered(exporter, tap, {
      // A batch whose confirm the shutdown swallowed is sent again.
      duplicatesAllowed: (m) => m.batchesFailed * 50,
    });
    expect(final.batchesFailed).toBeGreaterThan(0);
    expect(final.queueFull).toBe(0);
    // Connected, then the outage, then back: while the broker boots, its answers change (refused,
    // then perhaps a handshake cut short), and each kind of failure is one line, never one per retry.
    const seen = lines(exporter);
    expect(seen[0]).toEqual({ level: LEVEL.info, msg: 'connected to RabbitMQ' });
    expect(seen.at(-1)).toEqual({ level: LEVEL.info, msg: 'reconnected to RabbitMQ' });
    const outage = exporter.logs.slice(1, -1);
    expect(outage.length).toBeGreaterThan(0);
    expect(outage.every((line) => line.msg === UNAVAILABLE)).toBe(true);
    const problems = outage.map((line) => String(line['problem']));
    expect(new Set(problems).size).toBe(problems.length);
    expect(problems[0]).toMatch(/^connection lost: .*CONNECTION.FORCED/);
  }, 120_000);
});
