import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { childPids, killPid, sleep, stopChild, tail, waitGone } from './processes.js';
import { RabbitMQ } from './rabbitmq.js';

/**
 * A real RabbitMQ and Ceilometer notification agent (Debian packages, installed by .ci/run), on
 * 127.0.0.1 with free ports and all state in a temp dir (recipe: ceilometer.md §6). The agent's
 * pipeline writes every sample to `samples.jsonl` and republishes it, signed by Ceilometer itself,
 * to the `metering.sample` queue, so tests can compare Ceilometer's signature with ours.
 */
export interface CeilometerPeer {
  /** `amqp://guest:guest@127.0.0.1:<port>/` */
  amqpUrl: string;
  /** The agent's `[publisher] telemetry_secret`. */
  secret: string;
  samplesFile: string;
  /** Sample dicts (`Sample.as_dict()`) the agent wrote so far. */
  samples(): Record<string, unknown>[];
  /** Waits until `predicate` holds for the written samples; returns them. */
  waitForSamples(
    predicate: (samples: Record<string, unknown>[]) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>[]>;
  /** Takes the meter dicts Ceilometer republished (and re-signed) off `metering.sample`. */
  drainResigned(): Promise<Record<string, unknown>[]>;
  /** Stops RabbitMQ (the agent keeps running and reconnects later). */
  stopBroker(): Promise<void>;
  /** Starts RabbitMQ again on the same port and waits until the agent consumes again. */
  startBroker(): Promise<void>;
  stop(): Promise<void>;
}

const AGENT = '/usr/bin/ceilometer-agent-notification';
const SECRET = 'peer-test-secret';

export async function startCeilometerPeer(): Promise<CeilometerPeer> {
  if (!existsSync(AGENT)) {
    throw new Error(`${AGENT} is missing: install Debian's ceilometer-agent-notification (.ci/run does)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-ceilometer-peer-'));
  const broker = await RabbitMQ.create(dir);
  const amqpUrl = broker.amqpUrl;
  const agent = new Agent(dir, amqpUrl);
  try {
    await broker.start();
    await agent.start();
  } catch (error) {
    await agent.stop();
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const peer: CeilometerPeer = {
    amqpUrl,
    secret: SECRET,
    samplesFile: agent.samplesFile,
    samples: () => agent.samples(),
    async waitForSamples(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const samples = agent.samples();
        if (predicate(samples)) return samples;
        if (Date.now() > deadline) {
          throw new Error(`the agent wrote ${samples.length} samples; condition not met\n${agent.logTail()}`);
        }
        await sleep(100);
      }
    },
    async drainResigned() {
      const connection = await amqp.connect(amqpUrl);
      try {
        const channel = await connection.createChannel();
        const out: Record<string, unknown>[] = [];
        for (;;) {
          const message = await channel.get('metering.sample', { noAck: true });
          if (!message) break;
          const envelope = JSON.parse(message.content.toString('utf8')) as Record<string, unknown>;
          const inner = JSON.parse(envelope['oslo.message'] as string) as {
            payload: Record<string, unknown>[];
          };
          out.push(...inner.payload);
        }
        return out;
      } finally {
        await connection.close();
      }
    },
    stopBroker: () => broker.stop(),
    async startBroker() {
      await broker.start();
      await agent.waitConsuming();
    },
    async stop() {
      await agent.stop();
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return peer;
}

class Agent {
  readonly #base: string;
  readonly #conf: string;
  readonly #amqpUrl: string;
  readonly samplesFile: string;
  #child: ChildProcess | undefined;

  constructor(dir: string, amqpUrl: string) {
    this.#base = path.join(dir, 'ceilometer');
    this.#amqpUrl = amqpUrl;
    for (const sub of ['', 'log', 'lock', 'out']) mkdirSync(path.join(this.#base, sub), { recursive: true });
    this.samplesFile = path.join(this.#base, 'out', 'samples.jsonl');
    const pipeline = path.join(this.#base, 'pipeline.yaml');
    writeFileSync(
      pipeline,
      [
        '---',
        'sources:',
        '  - name: meter_source',
        '    meters: ["*"]',
        '    sinks: [meter_sink]',
        'sinks:',
        '  - name: meter_sink',
        '    publishers:',
        `      - file://${this.samplesFile}?json`,
        '      - notifier://?topic=metering',
        '',
      ].join('\n'),
    );
    const events = path.join(this.#base, 'event_pipeline.yaml');
    writeFileSync(
      events,
      `---\nsources:\n  - name: event_source\n    events: ["*"]\n    sinks: [event_sink]\nsinks:\n  - name: event_sink\n    publishers:\n      - file://${path.join(this.#base, 'out', 'events.jsonl')}?json\n`,
    );
    this.#conf = path.join(this.#base, 'ceilometer.conf');
    writeFileSync(
      this.#conf,
      [
        '[DEFAULT]',
        `transport_url = ${amqpUrl.replace('amqp://', 'rabbit://')}`,
        'host = ceilo-peer',
        `pipeline_cfg_file = ${pipeline}`,
        `event_pipeline_cfg_file = ${events}`,
        `log_file = ${path.join(this.#base, 'log', 'agent-notification.log')}`,
        'debug = true',
        '',
        '[notification]',
        'workers = 1',
        'pipelines = meter',
        '',
        '[publisher]',
        `telemetry_secret = ${SECRET}`,
        '',
        '[oslo_concurrency]',
        `lock_path = ${path.join(this.#base, 'lock')}`,
        '',
      ].join('\n'),
    );
  }

  async start(): Promise<void> {
    const out = openSync(path.join(this.#base, 'log', 'stdout.log'), 'a');
    const child = spawn(AGENT, ['--config-file', this.#conf], {
      cwd: this.#base,
      env: { PATH: process.env['PATH'], LANG: 'C.UTF-8', HOME: this.#base },
      stdio: ['ignore', out, out],
    });
    this.#child = child;
    await this.waitConsuming();
  }

  /** Ready = the `notifications.sample` queue has a consumer. */
  async waitConsuming(timeoutMs = 40_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#child?.exitCode !== null) throw new Error(`the agent exited\n${this.logTail()}`);
      if ((await consumers(this.#amqpUrl, 'notifications.sample')) > 0) return;
      if (Date.now() > deadline) throw new Error(`the agent is not consuming\n${this.logTail()}`);
      await sleep(250);
    }
  }

  samples(): Record<string, unknown>[] {
    if (!existsSync(this.samplesFile)) return [];
    return readFileSync(this.samplesFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child?.pid) return;
    // The cotyledon master forks a worker; collect it before the master goes.
    const workers = childPids(child.pid);
    await stopChild(child, 3_000);
    for (const pid of workers) killPid(pid);
    await waitGone(workers);
  }

  logTail(): string {
    return tail(path.join(this.#base, 'log', 'agent-notification.log'));
  }
}

async function consumers(url: string, queue: string): Promise<number> {
  let connection: amqp.ChannelModel | undefined;
  try {
    connection = await amqp.connect(url, { timeout: 2_000 });
    connection.on('error', () => undefined);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    return (await channel.checkQueue(queue)).consumerCount;
  } catch {
    return 0;
  } finally {
    await connection?.close().catch(() => undefined);
  }
}
