import { readFileSync } from 'node:fs';
import { normalizeFingerprint, type ConsoleConnection, type ConsoleTls } from '../../powervm/index.js';
import { ConfigError } from './patterns.js';
import type { ConsoleConfig } from './schema.js';

/**
 * A console's connection, secrets included: the password comes from a file or an environment
 * variable, never from the command line or the configuration file itself.
 */
export function toConnection(
  config: ConsoleConfig,
  where: string,
  env: NodeJS.ProcessEnv,
): ConsoleConnection {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new ConfigError(`${where}.url: '${config.url}' is not a URL (expected e.g. https://hmc1:12443)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${where}.url: expected an http or https URL, got ${url.protocol}`);
  }
  return {
    name: config.name ?? url.host,
    url: url.origin,
    user: config.user,
    password: config.local_auth ? undefined : password(config, where, env),
    tls: tlsSettings(config, where),
    timeoutMs: config.timeout * 1000,
  };
}

function tlsSettings(config: ConsoleConfig, where: string): ConsoleTls {
  const tls: ConsoleTls = {
    ca: config.ca_file ? readSecretFile(config.ca_file, `${where}.ca_file`) : undefined,
    insecure: config.insecure,
  };
  if (config.tls_pin_sha256 === undefined) return tls;
  if (config.insecure) {
    throw new ConfigError(
      `${where}: give tls_pin_sha256 or insecure, not both (a pin verifies the certificate)`,
    );
  }
  const pin = normalizeFingerprint(config.tls_pin_sha256);
  if (!pin) {
    throw new ConfigError(
      `${where}.tls_pin_sha256: expected the SHA-256 fingerprint of the console's certificate, 64 hex digits with or without colons (openssl x509 -noout -fingerprint -sha256 -in cert.pem)`,
    );
  }
  return { ...tls, pinSha256: pin };
}

function password(config: ConsoleConfig, where: string, env: NodeJS.ProcessEnv): string {
  if (config.password_file && config.password_env) {
    throw new ConfigError(`${where}: give password_file or password_env, not both`);
  }
  if (config.password_file)
    return readSecretFile(config.password_file, `${where}.password_file`).replace(/\r?\n$/, '');
  const name = config.password_env ?? 'POWERVM_PASSWORD';
  const value = env[name];
  if (value === undefined) {
    throw new ConfigError(
      `${where}: no console password: set ${name}, or give password_file / --password-file (or local_auth on NovaLink)`,
    );
  }
  return value;
}

/** A secret or certificate file; the error names the setting and the file, never the content. */
export function readSecretFile(path: string, where: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${where}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}
