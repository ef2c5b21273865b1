import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from './ports.js';

export type InstantVector = { metric: Record<string, string>; value: [number, string] }[];

export interface RunningPrometheus {
  url: string;
  /** Instant query; returns the result vector. */
  query(expr: string): Promise<InstantVector>;
  /** Polls an instant query until it returns at least `min` series (first data takes ~5 s to appear). */
  eventually(expr: string, min?: number, timeoutMs?: number): Promise<InstantVector>;
  stop(): Promise<void>;
}

/**
 * Debian's real Prometheus on 127.0.0.1, scraping `target` with the job from deploy/ (interval
 * shortened for the test) and loading the rule files that configuration names, found beside it.
 * Installed by .ci/run; a missing binary fails the test with that hint.
 */
export async function startPrometheus(scrapeConfigFile: string, target: string): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-prometheus-'));
  const config = parse(readFileSync(scrapeConfigFile, 'utf8')) as {
    global?: object;
    rule_files?: string[];
    scrape_configs: {
      static_configs: { targets: string[] }[];
      scrape_interval?: string;
      scrape_timeout?: string;
    }[];
  };
  config.global = { ...config.global, scrape_interval: '1s', evaluation_interval: '1s' };
  // Prometheus resolves relative rule paths (globs included) from its config file, which moves here.
  config.rule_files = config.rule_files?.map((file) => path.resolve(path.dirname(scrapeConfigFile), file));
  for (const job of config.scrape_configs) {
    job.scrape_interval = '1s';
    job.scrape_timeout = '1s';
    job.static_configs = [{ targets: [target] }];
  }
  writeFileSync(path.join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, () => stderr);
  const query = async (expr: string) => {
    const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as {
      status: string;
      error?: string;
      data: { result: InstantVector };
    };
    if (body.status !== 'success') throw new Error(`query ${expr}: ${body.error}`);
    return body.data.result;
  };
  return {
    url,
    query,
    async eventually(expr, min = 1, timeoutMs = 40_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await query(expr);
        if (result.length >= min) return result;
        if (Date.now() > deadline) throw new Error(`${expr}: ${result.length} series after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const spawned = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(
          `cannot start prometheus (${error.message}); install Debian's prometheus package (.ci/run does)`,
        ),
      ),
    );
    child.once('exit', (code) => reject(new Error(`prometheus exited ${code}: ${stderr()}`)));
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ready = await Promise.race([
      fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false,
      ),
      spawned,
    ]);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopChild(child);
  throw new Error(`prometheus not ready within 20 s: ${stderr()}`);
}

/** Stops a child by its PID: TERM, then KILL if it lingers. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
