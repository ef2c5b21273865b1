import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Runs a bench script in a fresh Node process and returns the JSON it prints last on stdout. A fresh
 * process per measurement keeps one size's heap, JIT state and RSS high-water mark from leaking into
 * the next. `--expose-gc` lets the script start each measurement from a collected heap.
 */
export async function runBenchChild(script: string, args: readonly string[]): Promise<unknown> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    cwd: REPOSITORY,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`${path.relative(REPOSITORY, script)} ${args.join(' ')} exited with ${code}:\n${stderr}`);
  }
  const last = stdout.trim().split('\n').at(-1);
  if (last === undefined) throw new Error(`${script} printed no result`);
  return JSON.parse(last) as unknown;
}

/** Inside a child started by runBenchChild: the one result line the parent reads. */
export function reportToParent(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Inside a child started by runBenchChild: a full collection, so each measurement starts equal. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (runBenchChild does)');
  gc();
}
