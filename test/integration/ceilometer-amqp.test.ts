import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSample, verifySample } from '../../src/sinks/ceilometer/sign.js';
import { AmqpPublisher } from '../../src/sinks/ceilometer/transport/amqp-publisher.js';
import { DeliveryQueue } from '../../src/sinks/ceilometer/transport/delivery-queue.js';
import type { TransportLogger, WireDict } from '../../src/sinks/ceilometer/transport/types.js';
import { startCeilometerPeer, type CeilometerPeer } from '../support/ceilometer-peer.js';
import { freePort } from '../support/ports.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// One real RabbitMQ + ceilometer-agent-notification for the whole file (about 10 s to start).
let peer: CeilometerPeer;
beforeAll(async () => {
  peer = await startCeilometerPeer();
}, 90_000);
afterAll(async () => {
  await peer?.stop();
}, 60_000);

const INSTANCE = 'a1b2c3d4-0000-4000-8000-00000000beef';
const PROJECT = '0123456789abcdef0123456789abcdef';

/** A meter dict with the 11 keys the notification agent requires (§3b), signed last. */
function wireSample(name: string, type: string, unit: string, volume: number, resourceId: string): WireDict {
  const sample: Record<string, unknown> = {
    source: 'openstack',
    counter_name: name,
    counter_type: type,
    counter_unit: unit,
    counter_volume: volume,
    user_id: 'fedcba9876543210fedcba9876543210',
    project_id: PROJECT,
    resource_id: resourceId,
    timestamp: new Date().toISOString().replace('Z', '000'),
    resource_metadata: {
      instance_id: INSTANCE,
      display_name: 'lpar-7',
      flavor: { name: 'm1.small', vcpus: 2 },
    },
    message_id: randomUUID(),
    monotonic_time: null,
  };
  sample['message_signature'] = signSample(sample, peer.secret);
  return sample;
}

function numbered(prefix: string, count: number): WireDict[] {
  return Array.from({ length: count }, (_, i) =>
    wireSample('memory.usage', 'gauge', 'MB', i, `${prefix}-${i}`),
  );
}

function capturingLogger(): TransportLogger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (obj: object, msg: string) =>
    lines.push(`${level} ${msg} ${JSON.stringify(obj)}`);
  return { lines, info: log('info'), warn: log('warn'), error: log('error') };
}

const fast = { minMs: 100, maxMs: 500 };

describe('AMQP publisher against a real Ceilometer notification agent', () => {
  it('delivers signed samples that Ceilometer writes, and re-signs with the same signature', async () => {
    const sent = [
      wireSample('cpu', 'cumulative', 'ns', 987654321000, INSTANCE),
      wireSample('memory.usage', 'gauge', 'MB', 1536.25, INSTANCE),
      wireSample(
        'network.incoming.bytes',
        'cumulative',
        'B',
        123456,
        `instance-0000002a-${INSTANCE}-U9080.M9S.1234567-V5-C3`,
      ),
      wireSample('disk.device.read.bytes', 'cumulative', 'B', 4096, `${INSTANCE}-vhost0`),
    ];
    const queue = new DeliveryQueue({
      publisher: new AmqpPublisher({ url: peer.amqpUrl, reconnect: fast }),
      retry: fast,
    });
    queue.enqueue(sent);
    expect(await queue.flush(10_000)).toBe(true);
    await queue.close();
    expect(queue.stats()).toMatchObject({ published: 4, batches: 1, failures: 0 });

    const ids = new Set(sent.map((s) => s['message_id']));
    const written = (
      await peer.waitForSamples((all) => all.filter((s) => ids.has(s['id'])).length === 4)
    ).filter((s) => ids.has(s['id']));
    for (const ours of sent) {
      const theirs = written.find((s) => s['id'] === ours['message_id']);
      expect(theirs).toMatchObject({
        name: ours['counter_name'],
        type: ours['counter_type'],
        unit: ours['counter_unit'],
        volume: ours['counter_volume'],
        resource_id: ours['resource_id'],
        project_id: PROJECT,
        source: 'openstack',
      });
    }

    // The notifier:// publisher re-signs each sample with the agent's telemetry_secret.
    let resigned: Record<string, unknown>[] = [];
    const deadline = Date.now() + 10_000;
    while (resigned.filter((s) => ids.has(s['message_id'])).length < 4 && Date.now() < deadline) {
      resigned.push(...(await peer.drainResigned()));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    resigned = resigned.filter((s) => ids.has(s['message_id']));
    expect(resigned).toHaveLength(4);
    for (const theirs of resigned) {
      const ours = sent.find((s) => s['message_id'] === theirs['message_id']);
      expect(theirs['message_signature']).toBe(ours?.['message_signature']);
    }
  });

  it('logs one redacted error for wrong credentials and keeps the samples queued, dropping the oldest', async () => {
    const logger = capturingLogger();
    const badUrl = peer.amqpUrl.replace('guest:guest', 'guest:Wr0ngPass');
    const queue = new DeliveryQueue({
      publisher: new AmqpPublisher({ url: badUrl, reconnect: fast, logger }),
      capacity: 5,
      batchSize: 2,
      retry: fast,
    });
    queue.enqueue(numbered('bad-cred', 8));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stats = queue.stats();
    expect(stats.published).toBe(0);
    expect(stats.failures).toBeGreaterThan(1);
    expect(stats.depth).toBe(5);
    expect(stats.dropped.queue_full).toBe(3);
    await queue.close(0);
    const errors = logger.lines.filter((line) => line.startsWith('error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/ACCESS.REFUSED/);
    expect(logger.lines.join('\n')).not.toContain('Wr0ngPass');
    expect(errors[0]).toContain('guest:***@127.0.0.1');
  });

  it('loses nothing within the bound while RabbitMQ restarts; a full queue drops the oldest and counts it', async () => {
    const roomy = new DeliveryQueue({
      publisher: new AmqpPublisher({ url: peer.amqpUrl, reconnect: fast }),
      capacity: 100,
      batchSize: 7,
      retry: fast,
    });
    const tight = new DeliveryQueue({
      publisher: new AmqpPublisher({ url: peer.amqpUrl, reconnect: fast }),
      capacity: 5,
      retry: fast,
    });
    const before = numbered('before', 5);
    roomy.enqueue(before);
    expect(await roomy.flush(10_000)).toBe(true);

    await peer.stopBroker();
    const during = numbered('during', 20);
    const tightSamples = numbered('tight', 8);
    roomy.enqueue(during);
    tight.enqueue(tightSamples);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(roomy.stats()).toMatchObject({ depth: 20, dropped: { queue_full: 0 } });
    expect(roomy.stats().failures).toBeGreaterThan(0);
    expect(tight.stats()).toMatchObject({ depth: 5, dropped: { queue_full: 3 } });

    await peer.startBroker();
    expect(await roomy.flush(20_000)).toBe(true);
    expect(await tight.flush(20_000)).toBe(true);
    await roomy.close();
    await tight.close();
    expect(roomy.stats()).toMatchObject({ published: 25, depth: 0 });
    expect(tight.stats()).toMatchObject({ published: 5, depth: 0, dropped: { queue_full: 3 } });

    const expected = [...before, ...during, ...tightSamples.slice(3)].map((s) => s['message_id']);
    const written = await peer.waitForSamples((all) => {
      const seen = new Set(all.map((s) => s['id']));
      return expected.every((id) => seen.has(id));
    });
    const seen = new Set(written.map((s) => s['id']));
    for (const oldest of tightSamples.slice(0, 3)) expect(seen.has(oldest['message_id'])).toBe(false);
  });
});

describe('serve with the Ceilometer sink switched on by environment alone', () => {
  it('feeds the real Ceilometer from the embedded simulator: meters, units, resource ids, signatures', async () => {
    await peer.drainResigned();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--listen', `127.0.0.1:${port}`],
      {
        cwd: ROOT,
        env: {
          PATH: process.env['PATH'] ?? '',
          POWERVM_CEILOMETER_URL: peer.amqpUrl,
          POWERVM_CEILOMETER_SECRET: peer.secret,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const fromSimulator = (s: Record<string, unknown>) =>
        (s['resource_metadata'] as Record<string, unknown> | undefined)?.['lpar_name'] === 'db01';
      const written = await peer.waitForSamples(
        (samples) =>
          ['cpu', 'memory.usage', 'network.incoming.bytes', 'disk.device.read.bytes'].every((meter) =>
            samples.some((s) => fromSimulator(s) && s['name'] === meter),
          ),
        30_000,
      );
      const db01 = written.filter(fromSimulator);
      const cpu = db01.find((s) => s['name'] === 'cpu')!;
      expect(cpu).toMatchObject({
        type: 'cumulative',
        unit: 'ns',
        project_id: null,
        user_id: null,
      });
      expect(cpu['resource_id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Number(cpu['volume'])).toBeGreaterThan(1e9);
      expect(db01.find((s) => s['name'] === 'memory.usage')).toMatchObject({
        unit: 'MB',
        type: 'gauge',
      });
      const disk = db01.find((s) => s['name'] === 'disk.device.read.bytes')!;
      expect(disk['resource_id']).toMatch(
        new RegExp(`^${String(cpu['resource_id'])}-vios\\d-v(host|fc)\\d+$`),
      );
      const resigned = await peer.drainResigned();
      expect(resigned.length).toBeGreaterThan(0);
      for (const sample of resigned.slice(0, 50)) expect(verifySample(sample, peer.secret)).toBe(true);

      // The sink's counters reach /metrics with the next cycle: at most one heartbeat (30 s) plus the
      // render throttle (20 s) later.
      const published = /^powervm_ceilometer_samples_published_total\{publisher="amqp"\} [1-9]\d*$/m;
      let metrics = '';
      for (let i = 0; i < 120 && !published.test(metrics); i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      }
      expect(metrics).toMatch(published);
      expect(metrics).toMatch(/^powervm_ceilometer_lpars\{mapping="unmapped_sent"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^powervm_ceilometer_queue_samples\{publisher="amqp"\} \d+$/m);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 120_000);
});
