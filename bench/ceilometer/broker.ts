import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amqp from 'amqplib';

/**
 * A private RabbitMQ for the Ceilometer benchmark: Debian's rabbitmq-server on 127.0.0.1, free
 * ports, all state in a temp dir (the recipe of test/support/ceilometer-peer.ts, broker only).
 * `stop` ends the broker and the epmd it started, by PID, and removes the state.
 */
export interface BenchBroker {
  /** `amqp://guest:guest@127.0.0.1:<port>/` */
  amqpUrl: string;
  stop(): Promise<void>;
}

const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
// Cold start takes ~10 s alone; on the shared 2-core machine it has taken over 60 s.
const READY_TIMEOUT_MS = 180_000;

export async function startBroker(): Promise<BenchBroker> {
  if (!existsSync(RABBITMQ_SERVER))
    throw new Error(`${RABBITMQ_SERVER} is missing (Debian's rabbitmq-server)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-bench-rabbitmq-'));
  chmodSync(dir, 0o755);
  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [port = 0, distPort = 0, epmdPort = 0] = [...ports];
  const uid = Number(execFileSync('id', ['-u', 'rabbitmq'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'rabbitmq'], { encoding: 'utf8' }).trim());
  for (const sub of ['mnesia', 'log', 'home']) mkdirSync(path.join(dir, sub));
  for (const sub of ['', 'mnesia', 'log', 'home']) chownSync(path.join(dir, sub), uid, gid);
  const file = (name: string, text: string): string => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    chownSync(full, uid, gid);
    return full;
  };
  const loopbackOnly = '-kernel inet_dist_use_interface {127,0,0,1}';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    LANG: 'C.UTF-8',
    HOME: path.join(dir, 'home'),
    RABBITMQ_NODENAME: `rabbit-bench-${port}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    ERL_EPMD_PORT: String(epmdPort),
    RABBITMQ_CONF_ENV_FILE: file('rabbitmq-env.conf', ''),
    RABBITMQ_CONFIG_FILE: file(
      'rabbitmq.conf',
      `listeners.tcp.1 = 127.0.0.1:${port}\nloopback_users.guest = true\nlog.file.level = warning\n`,
    ),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: file('enabled_plugins', '[].\n'),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_PID_FILE: path.join(dir, 'rabbitmq.pid'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: loopbackOnly,
    RABBITMQ_CTL_ERL_ARGS: loopbackOnly,
  };
  const logFile = path.join(dir, 'stdout.log');
  const out = openSync(logFile, 'a');
  // The script forks the Erlang VM and turns SIGTERM into a clean broker stop.
  const child = spawn(RABBITMQ_SERVER, [], { env, uid, gid, cwd: dir, stdio: ['ignore', out, out] });
  const amqpUrl = `amqp://guest:guest@127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    await stopChild(child, 20_000);
    // epmd was started by the VM as a daemon on our private port: ours to end.
    const epmd = listeningPids(epmdPort);
    for (const pid of epmd) killPid(pid);
    await waitGone(epmd);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`rabbitmq-server exited ${code}: ${tail(logFile)}`))),
    );
    exited.catch(() => undefined);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!(await Promise.race([loginWorks(amqpUrl), exited]))) {
      if (Date.now() > deadline) throw new Error(`RabbitMQ not ready after ${READY_TIMEOUT_MS / 1000} s`);
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { amqpUrl, stop };
}

async function loginWorks(url: string): Promise<boolean> {
  try {
    const connection = await amqp.connect(url, { timeout: 2_000 });
    await connection.close();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
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
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
