import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli', 'main.js');

export interface ServeMemory {
  /** The process's RSS high-water mark (VmHWM) at the end. */
  peakRssBytes: number;
  /** RSS sampled every second. */
  rssSamplesBytes: number[];
  /** Scrapes answered (gzip, every 15 s as Prometheus would); each one a check the process serves. */
  scrapes: number;
}

async function procStatusBytes(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(kib) * 1024;
}

const scrapeOnce = (url: string): Promise<void> =>
  new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      response
        .resume()
        .on('end', () =>
          response.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${response.statusCode}`)),
        );
    }).on('error', reject);
  });

/**
 * The memory of the exporter as it ships: `powervm-exporter serve` from dist/ under plain Node,
 * polling the simulator for `seconds` and scraped every 15 s. The in-process exporter child runs
 * under tsx, whose loader and transforms sit in its RSS; this process has only the product.
 * Linux only (/proc).
 */
export async function measureServeMemory(simulatorUrl: string, seconds: number): Promise<ServeMemory> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--hmc', simulatorUrl, '--user', 'hscroot', '--listen', '127.0.0.1:0'],
    { env: { ...process.env, POWERVM_PASSWORD: 'abc123' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const pid = child.pid!;
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  try {
    const rssSamplesBytes: number[] = [];
    let scrapes = 0;
    const started = performance.now();
    let nextScrape = 15_000;
    while (performance.now() - started < seconds * 1000) {
      await sleep(1_000);
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${output}`);
      rssSamplesBytes.push(await procStatusBytes(pid, 'VmRSS'));
      if (performance.now() - started >= nextScrape) {
        nextScrape += 15_000;
        const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/metrics)"/.exec(output)?.[1];
        if (url !== undefined) {
          await scrapeOnce(url);
          scrapes += 1;
        }
      }
    }
    return { peakRssBytes: await procStatusBytes(pid, 'VmHWM'), rssSamplesBytes, scrapes };
  } finally {
    child.kill('SIGTERM');
  }
}
