import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logonBody } from './sim-client.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function runSimulate(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--listen', '127.0.0.1:0', ...args],
    {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exit = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, firstLine, exit, stderr: () => stderr };
}

async function logonStatus(url: string, user: string, password: string): Promise<number> {
  const response = await fetch(`${url}/rest/api/web/Logon`, {
    method: 'PUT',
    body: logonBody(user, password),
  });
  return response.status;
}

describe('simulate command', () => {
  it('prints where it listens, takes the password from the environment, and stops cleanly on SIGTERM', async () => {
    const run = runSimulate(['--lpars', '2', '--user', 'monitor'], { POWERVM_SIM_PASSWORD: 'from-env' });
    const line = await run.firstLine;
    expect(line).toMatch(
      /^HMC simulator listening on http:\/\/127\.0\.0\.1:\d+: 1 system\(s\) x 2 LPAR\(s\) \+ 2 VIOS \(seed 1\); log on as monitor$/,
    );
    expect(line).not.toContain('from-env');
    const url = /(http:\/\/[\d.]+:\d+)/.exec(line)![1]!;
    expect(await logonStatus(url, 'monitor', 'from-env')).toBe(200);
    expect(await logonStatus(url, 'monitor', 'abc123')).toBe(401);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  it('reads the password from --password-file, and shows the documented default only when it is used', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sim-cli-'));
    writeFileSync(path.join(dir, 'pw'), 's3cret\n');
    const run = runSimulate(['--lpars', '1', '--mc-type', 'PVM', '--password-file', path.join(dir, 'pw')]);
    const line = await run.firstLine;
    expect(line).toMatch(/^PVM simulator listening on .*log on as hscroot$/);
    expect(await logonStatus(/(http:\/\/[\d.]+:\d+)/.exec(line)![1]!, 'hscroot', 's3cret')).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);

    const defaults = runSimulate(['--lpars', '1']);
    expect(await defaults.firstLine).toMatch(/log on as hscroot \/ abc123$/);
    defaults.child.kill('SIGTERM');
    expect(await defaults.exit).toBe(0);
  });

  it('refuses a password given as a flag, and bad --listen values', async () => {
    for (const args of [
      ['--sim-password', 'x'],
      ['--listen', 'nonsense'],
    ]) {
      const run = runSimulate(args);
      await expect(run.firstLine).rejects.toThrow();
      expect(await run.exit).toBe(2);
      expect(run.stderr()).toMatch(/Unknown arguments: sim-password|--listen was given more than once/);
    }
  });
});
