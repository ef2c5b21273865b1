import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';
import { freePort } from './ports.js';

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

const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
const AGENT = '/usr/bin/ceilometer-agent-notification';
const SECRET = 'peer-test-secret';

export async function startCeilometerPeer(): Promise<CeilometerPeer> {
  for (const program of [RABBITMQ_SERVER, AGENT]) {
    if (!existsSync(program)) {
      throw new Error(
        `${program} is missing: install Debian's rabbitmq-server and ceilometer-agent-notification (.ci/run does)`,
      );
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-ceilometer-peer-'));
  chmodSync(dir, 0o755);
  const [amqpPort = 0, distPort = 0, epmdPort = 0] = await distinctFreePorts(3);
  const broker = new Broker(dir, amqpPort, distPort, epmdPort);
  const amqpUrl = `amqp://guest:guest@127.0.0.1:${amqpPort}/`;
  const agent = new Agent(dir, amqpUrl);
  try {
    await broker.start();
    await agent.start();
  } catch (error) {
    await agent.stop();
    await broker.stop();
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

class Broker {
  readonly #base: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #port: number;
  readonly #epmdPort: number;
  readonly #uid: number;
  readonly #gid: number;
  #child: ChildProcess | undefined;

  constructor(dir: string, port: number, distPort: number, epmdPort: number) {
    this.#base = path.join(dir, 'rabbitmq');
    this.#port = port;
    this.#epmdPort = epmdPort;
    this.#uid = Number(execFileSync('id', ['-u', 'rabbitmq'], { encoding: 'utf8' }).trim());
    this.#gid = Number(execFileSync('id', ['-g', 'rabbitmq'], { encoding: 'utf8' }).trim());
    for (const sub of ['', 'mnesia', 'log', 'home']) {
      mkdirSync(path.join(this.#base, sub), { recursive: true });
      chownSync(path.join(this.#base, sub), this.#uid, this.#gid);
    }
    const file = (name: string, text: string): string => {
      const full = path.join(this.#base, name);
      writeFileSync(full, text);
      chownSync(full, this.#uid, this.#gid);
      return full;
    };
    const loopbackOnly = '-kernel inet_dist_use_interface {127,0,0,1}';
    this.#env = {
      PATH: process.env['PATH'],
      LANG: 'C.UTF-8',
      HOME: path.join(this.#base, 'home'),
      RABBITMQ_NODENAME: `rabbit-peer-${port}@localhost`,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(port),
      RABBITMQ_DIST_PORT: String(distPort),
      ERL_EPMD_ADDRESS: '127.0.0.1',
      ERL_EPMD_PORT: String(epmdPort),
      RABBITMQ_CONF_ENV_FILE: file('rabbitmq-env.conf', ''),
      RABBITMQ_CONFIG_FILE: file(
        'rabbitmq.conf',
        `listeners.tcp.1 = 127.0.0.1:${port}\nloopback_users.guest = true\nlog.file.level = info\n`,
      ),
      RABBITMQ_ADVANCED_CONFIG_FILE: path.join(this.#base, 'advanced.config'),
      RABBITMQ_ENABLED_PLUGINS_FILE: file('enabled_plugins', '[].\n'),
      RABBITMQ_MNESIA_BASE: path.join(this.#base, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(this.#base, 'log'),
      RABBITMQ_PID_FILE: path.join(this.#base, 'rabbitmq.pid'),
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: loopbackOnly,
      RABBITMQ_CTL_ERL_ARGS: loopbackOnly,
    };
  }

  async start(): Promise<void> {
    const out = openSync(path.join(this.#base, 'stdout.log'), 'a');
    // The script forks the Erlang VM and turns SIGTERM into a clean broker stop.
    const child = spawn(RABBITMQ_SERVER, [], {
      env: this.#env,
      uid: this.#uid,
      gid: this.#gid,
      cwd: this.#base,
      stdio: ['ignore', out, out],
    });
    this.#child = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`rabbitmq-server exited ${code}\n${this.logTail()}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ok = await Promise.race([loginWorks(this.#port), exited]);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`RabbitMQ not ready after 30 s\n${this.logTail()}`);
      await sleep(200);
    }
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child) await stopChild(child, 20_000);
    // epmd was started by the VM as a daemon on our private port; it is ours to end.
    const epmd = listeningPids(this.#epmdPort);
    for (const pid of epmd) killPid(pid);
    await waitGone(epmd);
  }

  logTail(): string {
    return tail(path.join(this.#base, 'stdout.log'));
  }
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

async function loginWorks(port: number): Promise<boolean> {
  try {
    const connection = await amqp.connect(`amqp://guest:guest@127.0.0.1:${port}/`, { timeout: 2_000 });
    await connection.close();
    return true;
  } catch {
    return false;
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

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** SIGTERM, then SIGKILL after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function killPid(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function waitGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (pids.some((pid) => existsSync(`/proc/${pid}`)) && Date.now() < deadline) await sleep(50);
}

function childPids(parent: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function listeningPids(port: number): number[] {
  try {
    const text = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    return [...new Set([...text.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])))];
  } catch {
    return [];
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
