import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configError as error } from '../../support/config-error.js';
import { compileFilter, loadServeConfig, parseListen } from '../../../src/cli/config/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'powervm-config-'));
const file = (name: string, text: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};
const secret = file('hmc1.password', 'From-File\n');

describe('configuration file', () => {
  it('reads consoles, fills defaults, and takes secrets from files and the environment', () => {
    const config = file(
      'ok.yaml',
      `listen: ":9999"
log_level: debug
otlp: { endpoint: "http://127.0.0.1:4318/v1/metrics" }
consoles:
  - name: prod
    url: https://hmc1.example.com:12443
    user: monitor
    password_file: ${secret}
    systems: { include: ["/^prod-/"], exclude: [prod-test] }
  - url: https://hmc2:12443
    password_env: HMC2_PASSWORD
    insecure: true
    timeout: 10
`,
    );
    const loaded = loadServeConfig({ config }, { HMC2_PASSWORD: 'From-Env' });
    expect(loaded.listen).toEqual({ host: '0.0.0.0', port: 9999 });
    expect(loaded.logLevel).toBe('debug');
    expect(loaded.otlpEndpoint).toBe('http://127.0.0.1:4318/v1/metrics');
    expect(loaded.targets.map((t) => t.connection)).toEqual([
      expect.objectContaining({
        name: 'prod',
        url: 'https://hmc1.example.com:12443',
        user: 'monitor',
        password: 'From-File',
        timeoutMs: 60_000,
      }),
      expect.objectContaining({
        name: 'hmc2:12443',
        user: 'hscroot',
        password: 'From-Env',
        timeoutMs: 10_000,
        tls: { ca: undefined, insecure: true },
      }),
    ]);
    const prod = loaded.targets[0]!;
    const sys = (name: string) => ({ name, uuid: 'u' }) as never;
    expect([
      prod.includeSystem(sys('prod-1')),
      prod.includeSystem(sys('prod-test')),
      prod.includeSystem(sys('dev-1')),
    ]).toEqual([true, false, false]);
    expect(JSON.stringify(loaded.consoles)).not.toContain('From-');
  });

  it('names the key that is wrong, with its path, and suggests the right one', () => {
    const typo = file('typo.yaml', `consoles:\n  - url: https://h:12443\n    pasword_file: /x\n`);
    expect(error(() => loadServeConfig({ config: typo }, {}))).toBe(
      `${typo}: consoles[0].pasword_file: unknown key (did you mean password_file?)`,
    );
    const type = file('type.yaml', `consoles:\n  - url: https://h:12443\n    timeout: soon\n`);
    expect(error(() => loadServeConfig({ config: type }, {}))).toBe(
      `${type}: consoles[0].timeout: expected a positive number`,
    );
    const missing = file('missing.yaml', `consoles:\n  - user: x\n`);
    expect(error(() => loadServeConfig({ config: missing }, {}))).toBe(
      `${missing}: consoles[0].url: required`,
    );
    const yaml = file('bad.yaml', `consoles: [\n`);
    expect(error(() => loadServeConfig({ config: yaml }, {}))).toMatch(
      new RegExp(`^${yaml.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML`),
    );
    expect(error(() => loadServeConfig({ config: path.join(dir, 'absent.yaml') }, {}))).toMatch(
      /cannot read configuration file .*absent\.yaml \(ENOENT\)/,
    );
  });

  it('refuses a bad regex, an unreadable password file, two passwords and duplicate names', () => {
    const regex = file(
      'regex.yaml',
      `consoles:\n  - url: https://h:12443\n    password_env: P\n    lpars: { include: ["/(/"] }\n`,
    );
    expect(error(() => loadServeConfig({ config: regex }, { P: 'x' }))).toMatch(
      /^consoles\[0\]\.lpars\.include\[0\]: invalid regular expression \/\(\//,
    );
    const unreadable = file(
      'pw.yaml',
      `consoles:\n  - url: https://h:12443\n    password_file: /nonexistent/pw\n`,
    );
    expect(error(() => loadServeConfig({ config: unreadable }, {}))).toBe(
      'consoles[0].password_file: cannot read /nonexistent/pw (ENOENT)',
    );
    const both = file(
      'both.yaml',
      `consoles:\n  - url: https://h:12443\n    password_file: ${secret}\n    password_env: P\n`,
    );
    expect(error(() => loadServeConfig({ config: both }, {}))).toBe(
      'consoles[0]: give password_file or password_env, not both',
    );
    const twice = file(
      'twice.yaml',
      `consoles:\n  - { url: "https://h:12443", name: a, password_env: P }\n  - { url: "https://g:12443", name: a, password_env: P }\n`,
    );
    expect(error(() => loadServeConfig({ config: twice }, { P: 'x' }))).toBe(
      "two consoles are named 'a': give each a distinct name",
    );
  });
});

describe('environment and flags', () => {
  it('a console from POWERVM_* variables alone', () => {
    const loaded = loadServeConfig(
      {},
      {
        POWERVM_HMC_URL: 'https://hmc9:12443',
        POWERVM_USER: 'v',
        POWERVM_PASSWORD: 'p',
        POWERVM_INSECURE: 'true',
        POWERVM_LISTEN: '127.0.0.1:1234',
      },
    );
    expect(loaded.targets.map((t) => t.connection)).toEqual([
      expect.objectContaining({
        name: 'hmc9:12443',
        user: 'v',
        password: 'p',
        tls: { ca: undefined, insecure: true },
      }),
    ]);
    expect(loaded.listen).toEqual({ host: '127.0.0.1', port: 1234 });
  });

  it('flags win over the environment, which wins over the file', () => {
    const config = file('listen.yaml', 'listen: "127.0.0.1:1"\n');
    expect(loadServeConfig({ config }, {}).listen.port).toBe(1);
    expect(loadServeConfig({ config }, { POWERVM_LISTEN: ':2' }).listen.port).toBe(2);
    expect(loadServeConfig({ config, listen: ':3' }, { POWERVM_LISTEN: ':2' }).listen.port).toBe(3);
    expect(loadServeConfig({}, {}).listen).toEqual({ host: '127.0.0.1', port: 9859 });
  });

  it('no console at all is a valid configuration (the embedded default)', () => {
    expect(loadServeConfig({}, {}).targets).toEqual([]);
  });
});

describe('pieces', () => {
  it.each([
    ['127.0.0.1:9859', { host: '127.0.0.1', port: 9859 }],
    [':9859', { host: '0.0.0.0', port: 9859 }],
    ['[::1]:80', { host: '::1', port: 80 }],
    ['localhost:0', { host: 'localhost', port: 0 }],
  ])('listen %s', (text, expected) => {
    expect(parseListen(text)).toEqual(expected);
  });

  it.each(['9859', 'host:', 'host:99999', 'a:b'])('rejects listen %s', (text) => {
    expect(error(() => parseListen(text))).toMatch(/expected HOST:PORT/);
  });

  it('filters: exact names, /regex/flags, exclude wins, empty include means all', () => {
    const test = compileFilter({ include: ['db01', '/^APP/i'], exclude: ['/-old$/'] }, 'lpars');
    expect(['db01', 'app7', 'App-old', 'web1', 'db01x'].map((n) => test(n))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(compileFilter(undefined, 'x')('anything')).toBe(true);
  });
});

describe('the shipped example', () => {
  it('deploy/powervm-exporter.yaml is valid (with its secrets supplied)', () => {
    const example = new URL('../../../deploy/powervm-exporter.yaml', import.meta.url).pathname;
    const text = readFileSync(example, 'utf8')
      .replace('/run/credentials/powervm-exporter.service/hmc1', secret)
      .replace('/run/credentials/powervm-exporter.service/novalink1', secret)
      .replace('/etc/powervm-exporter/hmc1-ca.pem', secret);
    const loaded = loadServeConfig({ config: file('example.yaml', text) }, {});
    expect(loaded.targets.map((t) => t.connection.name)).toEqual(['hmc1', 'novalink1.example.com:12443']);
    expect(loaded.listen).toEqual({ host: '0.0.0.0', port: 9859 });
  });
});

describe('the Ceilometer sink settings', () => {
  it('off by default; on with POWERVM_CEILOMETER_URL and _SECRET alone, with defaults', () => {
    expect(loadServeConfig({}, {}).ceilometer).toBeUndefined();
    const on = loadServeConfig(
      {},
      { POWERVM_CEILOMETER_URL: 'amqp://u:p@127.0.0.1:5672/', POWERVM_CEILOMETER_SECRET: 's' },
    );
    expect(on.ceilometer).toMatchObject({
      url: 'amqp://u:p@127.0.0.1:5672/',
      secret: 's',
      profile: 'zed',
      exchange: 'ceilometer',
      topic: 'notifications',
      batchSize: 50,
      unmapped: 'send',
      instances: undefined,
    });
  });

  it('names what is wrong: no secret, an unknown profile, a URL of another kind (without showing it)', () => {
    expect(error(() => loadServeConfig({}, { POWERVM_CEILOMETER_URL: 'amqp://h/' }))).toBe(
      'ceilometer: no secret: set POWERVM_CEILOMETER_SECRET, or give a *_file setting',
    );
    const profile = file('profile.yaml', 'ceilometer: { url: "amqp://h/", profile: havana }\n');
    expect(error(() => loadServeConfig({ config: profile }, { POWERVM_CEILOMETER_SECRET: 's' }))).toMatch(
      /^ceilometer\.profile: 'havana' is not one of kilo, zed/,
    );
    const scheme = file('scheme.yaml', 'ceilometer: { url: "redis://:hunter2@h/" }\n');
    const message = error(() => loadServeConfig({ config: scheme }, { POWERVM_CEILOMETER_SECRET: 's' }));
    expect(message).toMatch(/^ceilometer\.url: expected amqp:\/\//);
    expect(message).not.toContain('hunter2');
  });

  it('reads the Keystone password from a file and the mapping choice', () => {
    const keystone = file(
      'keystone.yaml',
      `ceilometer:\n  url: "amqp://h/"\n  secret_file: ${secret}\n  unmapped: skip\n  instances:\n    keystone: { auth_url: "http://ks:5000/v3", username: telemetry, project_name: service, password_file: ${secret} }\n`,
    );
    const settings = loadServeConfig({ config: keystone }, {}).ceilometer!;
    expect(settings).toMatchObject({
      secret: 'From-File',
      unmapped: 'skip',
      instances: { keystone: { username: 'telemetry', password: 'From-File' }, refreshMs: 600_000 },
    });
  });
});
