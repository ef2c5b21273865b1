/** `powervm-exporter inspect` as a user runs it: a real process, offline on files and online on the simulator. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { fixtureBody } from '../support/fixtures.js';
import { freePort } from '../support/ports.js';
import { runCli } from '../support/run-cli.js';

interface Record {
  lpar_uuid: string;
  lpar_name: string;
  cpu_util: number | null;
  cpu_time: number | null;
  cpu_number: number | null;
  memory_usage: number | null;
  vnics: { name: string; rx_bytes: number }[];
  disks: { device: string; iops: number | null }[];
}

/** The captures' JSON bodies as the console serves them: plain files, named like LTM files. */
function captureFiles(names: string[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-capture-'));
  return names.map((name) => {
    const file = path.join(dir, name.replace('.txt', '.json'));
    writeFileSync(file, fixtureBody(name));
    return file;
  });
}

describe('inspect --files', () => {
  it('gives the reference values on the pypowervm captures (working in pypowervm-captures.test.ts)', async () => {
    const files = captureFiles([
      'lpar_pcm_data.txt',
      'phyp_pcm_data2.txt',
      'vios_pcm_data.txt',
      'phyp_pcm_data3.txt',
    ]);
    // data3 and data2 share a timeStamp: argument order breaks the tie, so list data3 first.
    const ordered = [files[3]!, files[1]!, files[2]!, files[0]!];
    const result = await runCli(['inspect', '--files', ...ordered, '--interval', '30', '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const records = JSON.parse(result.stdout) as Record[];
    expect(records.map((r) => r.lpar_name)).toEqual([
      'diff-lpar-6',
      'fake_npiv',
      'kh4-9fdaa1ba-kyleh',
      'placeholder',
      'Ubuntu1410',
    ]);
    const ubuntu = records.find((r) => r.lpar_name === 'Ubuntu1410')!;
    expect(ubuntu).toMatchObject({
      lpar_uuid: '42AD4FD4-DC64-4935-9E29-9B7C6F35AFCC',
      cpu_number: 4,
      memory_usage: 4096,
    });
    expect(ubuntu.cpu_util).toBeCloseTo(10.01, 12);
    expect(ubuntu.cpu_time).toBeCloseTo(518_087_322_271.484375, 2);
    expect(ubuntu.vnics).toEqual([
      expect.objectContaining({ name: 'U8247.22L.2125D4A-V2-C2', rx_bytes: 10000 }),
    ]);
    expect(ubuntu.disks).toEqual([expect.objectContaining({ device: 'vios1-vhost0', iops: 0 })]);
  });

  it('a malformed file: one clear error naming the file, exit 2', async () => {
    const [good] = captureFiles(['phyp_pcm_data.txt']);
    const bad = path.join(path.dirname(good!), 'broken_phyp.json');
    writeFileSync(bad, fixtureBody('phyp_pcm_data.txt').slice(0, 300));
    const result = await runCli(['inspect', '--files', good!, bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^powervm-exporter: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: malformed JSON`),
    );
    expect(result.stdout).toBe('');
  });

  it('one sample only: readings without rates', async () => {
    const result = await runCli([
      'inspect',
      '--files',
      ...captureFiles(['phyp_pcm_data.txt']),
      '--format',
      'json',
    ]);
    const records = JSON.parse(result.stdout) as Record[];
    expect(records.find((r) => r.lpar_name === 'Ubuntu1410')!.cpu_util).toBeNull();
  });
});

describe('inspect against a console', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({
      users: { viewer: { password: 'Vi3wer-Secret', role: 'viewer' } },
      systems: 2,
      lpars: 3,
    });
  });
  afterAll(() => sim.close());

  it('reads the password from the environment and prints a table of every LPAR', async () => {
    const result = await runCli(['inspect', '--hmc', sim.url, '--user', 'viewer'], {
      POWERVM_PASSWORD: 'Vi3wer-Secret',
    });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SYSTEM\s+LPAR\s+STATE\s+MODE\s+VCPU\s+ENT\s+CPU%/);
    expect(lines).toHaveLength(1 + 2 * 3);
  });

  it('reads the password from a file, and --system narrows to one system', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pw-')), 'password');
    writeFileSync(file, 'Vi3wer-Secret\n');
    const name = sim.systems[1]!.name;
    const result = await runCli([
      'inspect',
      '--hmc',
      sim.url,
      '--user',
      'viewer',
      '--password-file',
      file,
      '--system',
      name,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(
      (JSON.parse(result.stdout) as Record[]).every(
        (r) => (r as unknown as { system: string }).system === name,
      ),
    ).toBe(true);
  });

  it('--insecure is announced on stderr before anything is tried', async () => {
    const result = await runCli(['inspect', '--hmc', `https://127.0.0.1:${await freePort()}`, '--insecure'], {
      POWERVM_PASSWORD: 'x',
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(
      /^powervm-exporter: TLS certificate verification is off for 127\.0\.0\.1:\d+/,
    );
  });

  it('a wrong password: exit 1, the console named, the password nowhere in the output', async () => {
    const result = await runCli(['inspect', '--hmc', sim.url, '--user', 'viewer'], {
      POWERVM_PASSWORD: 'Wrong-Secret',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`console ${new URL(sim.url).host}: logon as 'viewer' refused (401)`);
    expect(result.stdout + result.stderr).not.toContain('Wrong-Secret');
  });

  it('no password given: says how to give one', async () => {
    const result = await runCli(['inspect', '--hmc', sim.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'command line: no console password: set POWERVM_PASSWORD, or give password_file / --password-file',
    );
  });
});

describe('inspect with no console: the embedded simulator', () => {
  it('prints readings of the built-in simulator and says so', async () => {
    const result = await runCli(['inspect', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/inspecting the built-in simulator at http:\/\/127\.0\.0\.1:\d+/);
    const records = JSON.parse(result.stdout) as Record[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.some((r) => (r.cpu_util ?? 0) > 0)).toBe(true);
  });
});

describe('help', () => {
  it.each(['inspect', 'simulate'])('every flag of %s has help text', async (command) => {
    const { stdout, code } = await runCli([command, '--help']);
    expect(code).toBe(0);
    const flagLines = stdout.split('\n').filter((line) => /^\s+(-\w, )?--[\w-]+/.test(line));
    expect(flagLines.length).toBeGreaterThan(3);
    for (const line of flagLines) expect(line.replace(/^\s+(-\w, )?--[\w-]+\s*/, '')).not.toBe('');
  });
});
