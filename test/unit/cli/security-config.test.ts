/** Configuration of the security settings: certificate pins, and the web configuration file. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { consoleSettings } from '../../../src/cli/console-options.js';
import { configError as error } from '../../support/config-error.js';
import { loadServeConfig } from '../../../src/cli/config/index.js';
import { selfSignedCertificate } from '../../support/tls.js';

const dir = mkdtempSync(path.join(tmpdir(), 'powervm-security-'));
const file = (name: string, text: string): string => {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
};

const PIN = 'b8:db:69:68:64:16:23:96:50:d2:aa:d1:f0:3d:7e:e1:03:78:9a:12:7c:47:ff:ce:25:85:e1:c8:53:c4:00:03';
const env = { POWERVM_PASSWORD: 'x' };

describe('tls_pin_sha256', () => {
  it('is read per console, from the flag, or from $POWERVM_TLS_PIN_SHA256, as 64 upper-case hex digits', () => {
    const config = file(
      'pins.yaml',
      `consoles:\n  - { name: a, url: "https://a:12443", password_env: P, tls_pin_sha256: "${PIN}" }\n  - { name: b, url: "https://b:12443", password_env: P }\n`,
    );
    const pins = loadServeConfig({ config }, { P: 'x' }).targets.map((t) => t.connection.tls?.pinSha256);
    const hex = PIN.replaceAll(':', '').toUpperCase();
    expect(pins).toEqual([hex, undefined]);
    const viaFlag = loadServeConfig(
      { console: consoleSettings({ hmc: 'https://h:1', 'tls-pin-sha256': PIN }) },
      env,
    );
    const viaEnv = loadServeConfig(
      {},
      { ...env, POWERVM_HMC_URL: 'https://h:1', POWERVM_TLS_PIN_SHA256: PIN },
    );
    expect([viaFlag, viaEnv].map((c) => c.targets[0]!.connection.tls?.pinSha256)).toEqual([hex, hex]);
  });

  it('refuses a malformed pin, and a pin together with insecure, naming the console', () => {
    const bad = file(
      'bad-pin.yaml',
      `consoles:\n  - { url: "https://a:1", password_env: P, tls_pin_sha256: "AB:CD" }\n`,
    );
    expect(error(() => loadServeConfig({ config: bad }, { P: 'x' }))).toMatch(
      /^consoles\[0\]\.tls_pin_sha256: expected the SHA-256 fingerprint .* 64 hex digits/,
    );
    expect(
      error(() =>
        loadServeConfig({ console: { url: 'https://h:1', tls_pin_sha256: PIN, insecure: true } }, env),
      ),
    ).toBe('command line: give tls_pin_sha256 or insecure, not both (a pin verifies the certificate)');
  });
});

describe('web configuration file', () => {
  const { certFile, keyFile } = selfSignedCertificate();
  const hash = bcrypt.hashSync('scrape-pw', 4);
  const token = file('token', 'the-token\n');

  it('loads TLS, basic auth users and a bearer token; flag, then environment, then the YAML key', () => {
    const web = file(
      'web.yml',
      `tls_server_config:\n  cert_file: ${certFile}\n  key_file: ${keyFile}\n  min_version: TLS12\nbasic_auth_users:\n  prometheus: "${hash}"\nbearer_token_file: ${token}\n`,
    );
    const loaded = loadServeConfig({ webConfigFile: web }, {}).web!;
    expect(loaded.file).toBe(web);
    expect(loaded.security.tls).toMatchObject({ clientAuth: 'NoClientCert', minVersion: 'TLSv1.2' });
    expect([...loaded.security.basicAuthUsers!]).toEqual([['prometheus', hash]]);
    expect(loaded.security.bearerToken).toBe('the-token');

    const other = file('other.yml', 'bearer_token_file: ' + token + '\n');
    const config = file('serve.yaml', `web_config_file: ${other}\n`);
    expect(loadServeConfig({ config }, {}).web?.file).toBe(other);
    expect(loadServeConfig({ config }, { POWERVM_WEB_CONFIG_FILE: web }).web?.file).toBe(web);
    expect(
      loadServeConfig({ config, webConfigFile: other }, { POWERVM_WEB_CONFIG_FILE: web }).web?.file,
    ).toBe(other);
    expect(loadServeConfig({}, {}).web).toBeUndefined();
  });

  it.each([
    ['not YAML', 'basic_auth_users: [\n', /: not valid YAML/],
    [
      'an unknown key',
      'basic_auth_user: {}\n',
      /: basic_auth_user: unknown key \(did you mean basic_auth_users\?\)/,
    ],
    [
      'a password instead of a hash',
      'basic_auth_users:\n  prometheus: secret\n',
      /: basic_auth_users\.prometheus: expected a bcrypt hash/,
    ],
    [
      'a missing key file',
      'tls_server_config:\n  cert_file: /x\n',
      /: tls_server_config\.key_file: required/,
    ],
    [
      'an unreadable certificate',
      'tls_server_config:\n  cert_file: /nonexistent/c.pem\n  key_file: /nonexistent/k.pem\n',
      /: tls_server_config\.cert_file: cannot read \/nonexistent\/c\.pem \(ENOENT\)/,
    ],
    [
      'an unknown client auth type',
      'tls_server_config:\n  cert_file: /x\n  key_file: /y\n  client_auth_type: Always\n',
      /: tls_server_config\.client_auth_type: expected one of NoClientCert, /,
    ],
    [
      'an unsupported toolkit key',
      'http_server_config: { http2: true }\n',
      /: http_server_config: unknown key/,
    ],
  ])('names the file and the key: %s', (_what, text, message) => {
    const web = file('bad-web.yml', text);
    const got = error(() => loadServeConfig({ webConfigFile: web }, {}));
    expect(got.startsWith(`${web}: `)).toBe(true);
    expect(got).toMatch(message);
  });

  it('refuses a certificate that is not one, and verified client certificates without a CA', () => {
    const notPem = file('not.pem', 'hello\n');
    const garbage = file(
      'garbage.yml',
      `tls_server_config:\n  cert_file: ${notPem}\n  key_file: ${keyFile}\n`,
    );
    expect(error(() => loadServeConfig({ webConfigFile: garbage }, {}))).toMatch(
      new RegExp(`tls_server_config: cert_file ${notPem}, key_file ${keyFile}: `),
    );
    const noCa = file(
      'noca.yml',
      `tls_server_config:\n  cert_file: ${certFile}\n  key_file: ${keyFile}\n  client_auth_type: RequireAndVerifyClientCert\n`,
    );
    expect(error(() => loadServeConfig({ webConfigFile: noCa }, {}))).toBe(
      `${noCa}: tls_server_config.client_ca_file: required with client_auth_type RequireAndVerifyClientCert`,
    );
  });
});

describe('the shipped web configuration example', () => {
  it('deploy/web-config.yml is valid (with its certificate supplied)', () => {
    const { certFile, keyFile } = selfSignedCertificate();
    const example = new URL('../../../deploy/web-config.yml', import.meta.url).pathname;
    const text = readFileSync(example, 'utf8')
      .replace('/etc/powervm-exporter/tls/server.crt', certFile)
      .replace('/etc/powervm-exporter/tls/server.key', keyFile);
    const web = loadServeConfig({ webConfigFile: file('example-web.yml', text) }, {}).web!.security;
    expect(web.tls?.minVersion).toBe('TLSv1.2');
    expect(bcrypt.compareSync('change-me', web.basicAuthUsers!.get('prometheus')!)).toBe(true);
  });
});
