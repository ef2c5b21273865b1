/**
 * deploy/systemd/powervm-exporter.service, checked by systemd's own tools (Debian's systemd
 * package: `systemd-analyze verify` and `security --offline`), and its ExecStart run by the real
 * CLI with --check-config against the example configuration and the credentials the unit loads.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fakeRoot } from '../support/fake-root.js';
import { runCli } from '../support/run-cli.js';
import { runTool } from '../support/run-tool.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UNIT_NAME = 'powervm-exporter.service';
const UNIT_TEXT = readFileSync(path.join(ROOT, 'deploy/systemd', UNIT_NAME), 'utf8');
const EXAMPLE_CONFIG = readFileSync(path.join(ROOT, 'deploy/powervm-exporter.yaml'), 'utf8');
/** Where systemd puts LoadCredential= files for this unit. */
const CREDENTIALS_DIR = `/run/credentials/${UNIT_NAME}`;

/** The [Service] settings of the unit, each key with every value it is given. */
function serviceSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  let section = '';
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) section = header[1]!;
    else if (section === 'Service') {
      const [key, ...value] = line.split('=');
      settings.set(key!, [...(settings.get(key!) ?? []), value.join('=')]);
    }
  }
  return settings;
}

const service = serviceSettings(UNIT_TEXT);
const setting = (key: string) => service.get(key) ?? [];

/** The machine as the unit expects it: the unit installed and the exporter installed by npm. */
const root = fakeRoot();
const unitPath = root.place(`/etc/systemd/system/${UNIT_NAME}`, UNIT_TEXT, 0o644);
const execStart = setting('ExecStart')[0]!.split(/\s+/);
root.place(execStart[0]!, '#!/bin/sh\n', 0o755);
// systemd-analyze resolves the unit's dependencies (network-online.target, …) under --root.
cpSync('/usr/lib/systemd/system', path.join(root.dir, 'usr/lib/systemd/system'), { recursive: true });
afterAll(() => root.remove());

const systemdAnalyze = (args: string[]) => runTool('systemd-analyze', args);

describe('the systemd unit', () => {
  it('passes `systemd-analyze verify` without a single complaint', async () => {
    const { code, output } = await systemdAnalyze(['verify', '--man=no', `--root=${root.dir}`, unitPath]);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it('is rated "OK" (exposure 2.0 or less) by `systemd-analyze security`', async () => {
    const { code, output } = await systemdAnalyze([
      'security',
      '--offline=yes',
      `--root=${root.dir}`,
      '--threshold=20',
      '--no-pager',
      unitPath,
    ]);
    expect(code, output).toBe(0);
    const exposure = /Overall exposure level for \S+: ([\d.]+) (\w+)/.exec(output);
    expect(exposure, output).not.toBeNull();
    expect(Number(exposure![1]), output).toBeLessThanOrEqual(2);
  });

  it('runs as a throw-away user without privileges, reading credentials through systemd', () => {
    expect(setting('DynamicUser')).toEqual(['yes']);
    expect(setting('NoNewPrivileges')).toEqual(['yes']);
    expect(setting('CapabilityBoundingSet')).toEqual(['']);
    expect(setting('ProtectSystem')).toEqual(['strict']);
    expect(setting('ProtectHome')).toEqual(['yes']);
    expect(setting('PrivateTmp')).toEqual(['yes']);
    expect(setting('RestrictAddressFamilies')).toEqual(['AF_INET AF_INET6']);
    // V8's JIT needs writable, executable pages: this setting would kill node at start.
    expect(setting('MemoryDenyWriteExecute')).toEqual([]);
    expect(setting('LoadCredential').length).toBeGreaterThan(0);
  });

  it('ExecStart is a command line the CLI accepts, with the example configuration and the loaded credentials', async () => {
    const [program, ...args] = execStart;
    const bin = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: object }).bin;
    // npm install --global links the package's bin into /usr/local/bin.
    expect(program).toBe(`/usr/local/bin/${Object.keys(bin)[0]}`);
    const configPath = args[args.indexOf('--config') + 1]!;
    const configDir = path.dirname(configPath);
    for (const credential of setting('LoadCredential')) {
      const id = credential.split(':')[0]!;
      root.place(`${CREDENTIALS_DIR}/${id}`, `password of ${id}\n`);
    }
    // The administrator installs the configuration and the consoles' CA certificates.
    root.place(configPath, root.relocate(EXAMPLE_CONFIG, [CREDENTIALS_DIR, configDir]));
    const config = parse(EXAMPLE_CONFIG) as { consoles: { ca_file?: string }[] };
    for (const { ca_file } of config.consoles) if (ca_file) root.place(ca_file, 'PEM');

    const environment = Object.fromEntries(
      setting('Environment').map((e) => e.split('=') as [string, string]),
    );
    const command = root.relocate(args.join(' '), [configDir]).split(' ');
    const result = await runCli([...command, '--check-config'], environment);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checked = JSON.parse(result.stdout) as { listen: string; consoles: { name: string }[] };
    expect(checked.consoles.map((c) => c.name)).toEqual(['hmc1', 'novalink1.example.com:12443']);
    expect(checked.listen).toBe('0.0.0.0:9859');
  }, 60_000);
});
