import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import { freePort } from './ports.js';
import { killPid, listeningPids, sleep, stopChild, tail, waitGone } from './processes.js';

const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
/** Generous: the machine running the tests may be busy, and the broker is slow to boot. */
const READY_TIMEOUT_MS = 60_000;

/**
 * Debian's RabbitMQ on 127.0.0.1 with free ports and all state under `dir` (recipe: ceilometer.md
 * §6). `stop` and `start` again keep the port, like an operator restarting the broker.
 */
export class RabbitMQ {
  /** `amqp://guest:guest@127.0.0.1:<port>/` */
  readonly amqpUrl: string;
  readonly port: number;
  readonly #base: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #epmdPort: number;
  readonly #uid: number;
  readonly #gid: number;
  #child: ChildProcess | undefined;

  /** Picks the ports and writes the configuration under `dir` (a temp dir of the test's); `start` runs it. */
  static async create(dir: string): Promise<RabbitMQ> {
    if (!existsSync(RABBITMQ_SERVER)) {
      throw new Error(`${RABBITMQ_SERVER} is missing: install Debian's rabbitmq-server (.ci/run does)`);
    }
    // The broker runs as user rabbitmq, which must reach its directory under ours.
    chmodSync(dir, 0o755);
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [port = 0, distPort = 0, epmdPort = 0] = [...ports];
    return new RabbitMQ(dir, port, distPort, epmdPort);
  }

  private constructor(dir: string, port: number, distPort: number, epmdPort: number) {
    this.#base = path.join(dir, 'rabbitmq');
    this.port = port;
    this.amqpUrl = `amqp://guest:guest@127.0.0.1:${port}/`;
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

  /** Starts the broker and waits until `guest` can log in. */
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
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const ok = await Promise.race([loginWorks(this.port), exited]);
      if (ok) return;
      if (Date.now() > deadline)
        throw new Error(`RabbitMQ not ready after ${READY_TIMEOUT_MS / 1000} s\n${this.logTail()}`);
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

async function loginWorks(port: number): Promise<boolean> {
  try {
    const connection = await amqp.connect(`amqp://guest:guest@127.0.0.1:${port}/`, { timeout: 2_000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}
