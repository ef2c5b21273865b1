import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type LogLine = Record<string, unknown>;

/**
 * `powervm-exporter serve ARGS` from the sources as a child process, with only the given
 * environment added: its JSON log lines as they come, and everything it wrote, verbatim.
 */
export function serveProcess(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const written = { stdout: '', stderr: '' };
  const waiters: { test: (l: LogLine) => boolean; resolve: () => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (written.stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    written.stdout += `${line}\n`;
    const entry = JSON.parse(line) as LogLine;
    lines.push(entry);
    for (const w of waiters.filter((w) => w.test(entry))) w.resolve();
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (test: (l: LogLine) => boolean) =>
    lines.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ test, resolve }));
  return { child, lines, written, exit, logged };
}
