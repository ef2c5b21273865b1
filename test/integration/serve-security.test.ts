/**
 * `serve` as an operator runs it against a console with a viewer-only user: it collects everything,
 * never writes, and no secret it was given appears in anything it writes or serves.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it, type TestContext } from 'vitest';
import yargs, { type Argv } from 'yargs';
import { inspectCommand } from '../../src/cli/commands/inspect.js';
import { serveCommand } from '../../src/cli/commands/serve.js';
import { simulateCommand } from '../../src/cli/commands/simulate.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { basicAuth, httpsGet } from '../support/https-get.js';
import { freePort } from '../support/ports.js';
import { serveProcess, type LogLine } from '../support/serve-process.js';
import { selfSignedCertificate } from '../support/tls.js';

const PASSWORD = 'Viewer-Pw-7f3c9a';
const WRONG_PASSWORD = 'Wrong-Pw-51e0b2';
const CEILOMETER_SECRET = 'Telemetry-Secret-d84a17';
const SCRAPE_PASSWORD = 'Scrape-Pw-2b6e4d';

const consoleCert = selfSignedCertificate();
const webCert = selfSignedCertificate();
const dir = mkdtempSync(path.join(tmpdir(), 'serve-security-'));
const file = (name: string, text: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};

/** Everything a test starts is stopped by its own hook: concurrent tests cannot share afterEach. */
type Cleanup = TestContext['onTestFinished'];

async function viewerConsole(ltmEnabled: boolean[], onTestFinished: Cleanup): Promise<RunningSimulator> {
  const sim = await startSimulator({
    tls: { cert: consoleCert.cert, key: consoleCert.key },
    systems: ltmEnabled.length,
    lpars: 2,
    ltmEnabled,
    users: { monitor: { password: PASSWORD, role: 'viewer' } },
  });
  onTestFinished(() => sim.close());
  return sim;
}

function serve(args: string[], env: Record<string, string>, onTestFinished: Cleanup) {
  const run = serveProcess(args, env);
  onTestFinished(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGTERM');
    await run.exit;
  });
  return run;
}

/** Polls `read` until `done` holds (the exporter needs a few seconds for its first cycle). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 200 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

const series = (body: string, name: string, labels: string): string | undefined =>
  body.split('\n').find((line) => line.startsWith(`${name}{`) && line.includes(labels));

/**
 * serve renders /metrics at most every 20 s, so each of these waits out one such interval for its
 * second rendering; they run side by side to pay that once.
 */
const PATIENCE_MS = 75_000;

describe.concurrent('serve with a viewer user', () => {
  it(
    'collects every system, never writes, and leaks no password or secret anywhere',
    async ({ expect, onTestFinished }) => {
      const sim = await viewerConsole([true, true], onTestFinished);
      const samples = path.join(dir, 'samples.jsonl');
      const web = file(
        'web.yml',
        `tls_server_config: { cert_file: ${webCert.certFile}, key_file: ${webCert.keyFile} }\n` +
          `basic_auth_users: { prometheus: "${bcrypt.hashSync(SCRAPE_PASSWORD, 4)}" }\n`,
      );
      const config = file(
        'serve.yaml',
        `web_config_file: ${web}
consoles:
  - name: viewer
    url: ${sim.url}
    user: monitor
    tls_pin_sha256: "${new X509Certificate(consoleCert.cert).fingerprint256}"
  - name: wrong
    url: ${sim.url}
    user: monitor
    password_file: ${file('wrong-pw', `${WRONG_PASSWORD}\n`)}
    ca_file: ${consoleCert.certFile}
ceilometer:
  url: file://${samples}
  secret_file: ${file('telemetry-secret', CEILOMETER_SECRET)}
`,
      );
      const port = await freePort();
      const run = serve(
        ['--config', config, '--listen', `127.0.0.1:${port}`],
        { POWERVM_PASSWORD: PASSWORD },
        onTestFinished,
      );
      const url = `https://127.0.0.1:${port}`;
      await run.logged((l) => l['msg'] === 'serving metrics');
      const scrape = async (route: string) =>
        (await httpsGet(`${url}${route}`, webCert.cert, basicAuth('prometheus', SCRAPE_PASSWORD))).body;
      const [one, two] = sim.systems.map((s) => s.name);
      const metrics = await until(
        () => scrape('/metrics'),
        (body) =>
          [one, two].every((s) =>
            body.includes(`powervm_lpar_cpu_seconds_total{hmc="viewer",system="${s}"`),
          ) && /^powervm_up\{hmc="wrong"\} 0$/m.test(body),
      );
      for (const system of [one, two]) {
        expect(series(metrics, 'powervm_system_up', `hmc="viewer",system="${system}"`)).toMatch(/ 1$/);
      }
      expect(metrics).toMatch(/^powervm_console_tls_info\{hmc="viewer",verification="pinned"\} 1$/m);
      expect(metrics).toMatch(/^powervm_console_tls_info\{hmc="wrong",verification="verified"\} 1$/m);
      const landing = await scrape('/');
      await until(
        () => Promise.resolve(existsSync(samples) && readFileSync(samples, 'utf8').length > 0),
        (written) => written,
      );
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);

      expect(sim.writeAttempts()).toBe(0);
      // The wrong password was tried and refused, and said so in a log line.
      expect(
        run.lines.some(
          (l: LogLine) => l['hmc'] === 'wrong' && /logon as 'monitor' refused \(401\)/.test(String(l['msg'])),
        ),
      ).toBe(true);
      const everything = [
        run.written.stdout,
        run.written.stderr,
        metrics,
        landing,
        readFileSync(samples, 'utf8'),
      ].join('\n');
      for (const secret of [PASSWORD, WRONG_PASSWORD, CEILOMETER_SECRET, SCRAPE_PASSWORD]) {
        expect(everything).not.toContain(secret);
      }
    },
    PATIENCE_MS,
  );

  it(
    'with --pcm-auto-enable, says clearly that the viewer may not switch monitoring on, and collects the other systems',
    async ({ expect, onTestFinished }) => {
      const sim = await viewerConsole([false, true], onTestFinished);
      const [off, on] = sim.systems.map((s) => s.name);
      const port = await freePort();
      const run = serve(
        [
          '--hmc',
          sim.url,
          '--user',
          'monitor',
          '--insecure',
          '--pcm-auto-enable',
          '--listen',
          `127.0.0.1:${port}`,
        ],
        { POWERVM_PASSWORD: PASSWORD },
        onTestFinished,
      );
      await run.logged((l) => l['system'] === off && /refused \(403\)/.test(String(l['msg'])));
      const refusal = run.lines.find((l) => l['system'] === off && /refused \(403\)/.test(String(l['msg'])))!;
      expect(refusal['msg']).toMatch(
        /switching it on \(--pcm-auto-enable\) was refused \(403\): the console user may only view/,
      );
      const metrics = await until(
        async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text(),
        (body) =>
          body.includes(`powervm_lpar_cpu_seconds_total{hmc="${new URL(sim.url).host}",system="${on}"`),
      );
      expect(series(metrics, 'powervm_system_up', `system="${off}"`)).toMatch(/ 0$/);
      expect(series(metrics, 'powervm_system_up', `system="${on}"`)).toMatch(/ 1$/);
      expect(metrics).toMatch(/^powervm_console_tls_info\{hmc="[^"]+",verification="off"\} 1$/m);
      expect(sim.writeAttempts()).toBeGreaterThanOrEqual(1);
      // Insecure mode was announced before anything else happened.
      expect(
        run.lines.findIndex((l) => /TLS certificate verification is off/.test(String(l['msg']))),
      ).toBeLessThan(run.lines.findIndex((l) => l['msg'] === 'serving metrics'));
    },
    PATIENCE_MS,
  );
});

describe('credentials on the command line', () => {
  it('no flag of any command takes a password, a secret or a token: only files and the environment do', () => {
    for (const command of [serveCommand, inspectCommand, simulateCommand]) {
      const builder = command.builder as (y: Argv) => Argv;
      // getOptions() is yargs' own list of declared options, missing from its type definitions.
      const parser = builder(yargs([])) as unknown as { getOptions(): { key: Record<string, unknown> } };
      const flags = Object.keys(parser.getOptions().key);
      expect(flags).toContain('user');
      const secretive = flags.filter((f) => /pass|secret|token|credential/i.test(f) && !/-file$/.test(f));
      expect(secretive, String(command.command)).toEqual([]);
    }
  });
});
