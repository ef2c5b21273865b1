import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
}

/** What one wrk run measured: latency to the end of each response, in ms. */
export interface LoadResult {
  scrapes: number;
  p50Ms: number;
  p99Ms: number;
  /** Connect, read, write, timeout and non-2xx/3xx errors together. */
  errors: number;
}

/**
 * wrk's `done` hook, printing its summary as one JSON line (latencies are in microseconds). wrk's
 * own text report rounds and changes units; this is exact and parseable.
 */
const SUMMARY_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"scrapes":%d,"errors":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

/**
 * Scrapes with wrk, a load generator written in C: autocannon, in JavaScript, could not receive a
 * 5 MiB body in under about 90 ms even from a server that only writes a fixed buffer, so it timed
 * itself rather than the exporter. Keep-alive connections, each sending the next request as soon
 * as the previous response ends, as many wrk threads as the machine has cores (at most one per
 * connection).
 */
export async function scrapeWithWrk(options: LoadOptions, cores: number): Promise<LoadResult> {
  const directory = await mkdtemp(path.join(tmpdir(), 'powervm-bench-wrk-'));
  try {
    const script = path.join(directory, 'summary.lua');
    await writeFile(script, SUMMARY_SCRIPT);
    const headers = Object.entries(options.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
    const args = [
      ...['-c', String(options.connections), '-t', String(Math.min(options.connections, cores))],
      ...['-d', `${options.seconds}s`, '--timeout', '60s', '-s', script, ...headers, options.url],
    ];
    const { stdout } = await run('wrk', args).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        throw new Error('the scrape benchmark needs wrk on the PATH (Debian: apt-get install wrk)');
      }
      throw error;
    });
    const summary = stdout.trim().split('\n').at(-1) ?? '';
    const parsed = JSON.parse(summary) as { scrapes: number; errors: number; p50: number; p99: number };
    return {
      scrapes: parsed.scrapes,
      errors: parsed.errors,
      p50Ms: parsed.p50 / 1000,
      p99Ms: parsed.p99 / 1000,
    };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
