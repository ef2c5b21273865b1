import type { ConsoleTarget } from '../../collector/index.js';
import type { WebSecurity } from '../../sinks/otel/index.js';
import { resolveCeilometer, type CeilometerSettings } from './ceilometer.js';
import { toConnection } from './connection.js';
import { compileFilter, ConfigError } from './patterns.js';
import { CONSOLE_DEFAULTS, validateFile, type ConsoleConfig, type FileConfig } from './schema.js';
import { loadWebConfig } from './web-config.js';
import { readYamlFile } from './yaml-file.js';

export const DEFAULT_LISTEN = '127.0.0.1:9859';

/** Settings given on the command line (or by their environment variables); they win over the file. */
export interface CommandLineSettings {
  config?: string | undefined;
  listen?: string | undefined;
  webConfigFile?: string | undefined;
  logLevel?: string | undefined;
  otlpEndpoint?: string | undefined;
  /** A console given by flags rather than the file. */
  console?: Partial<ConsoleConfig> | undefined;
}

/**
 * Environment variables for every setting, for containers and systemd units. One table, so the
 * README, --help and the loader agree.
 */
export const ENVIRONMENT = {
  POWERVM_CONFIG: 'configuration file (--config)',
  POWERVM_LISTEN: 'address to serve /metrics on (--listen)',
  POWERVM_WEB_CONFIG_FILE: 'TLS and authentication of /metrics (--web.config.file)',
  POWERVM_LOG_LEVEL: 'log level (--log-level)',
  POWERVM_OTLP_ENDPOINT: 'OTLP/HTTP metrics endpoint (--otlp-endpoint)',
  POWERVM_HMC_URL: 'console URL (--hmc)',
  POWERVM_USER: 'console user (--user)',
  POWERVM_PASSWORD: 'console password',
  POWERVM_PASSWORD_FILE: 'file holding the console password (--password-file)',
  POWERVM_CA_FILE: "console's CA certificate (--ca-file)",
  POWERVM_TLS_PIN_SHA256: "SHA-256 fingerprint of the console's certificate (--tls-pin-sha256)",
  POWERVM_INSECURE: 'true to skip certificate verification (--insecure)',
  POWERVM_CEILOMETER_URL: 'Ceilometer transport URL (amqp://…); switches the Ceilometer sink on',
  POWERVM_CEILOMETER_SECRET: "Ceilometer's [publisher] telemetry_secret, to sign samples",
} as const;

export interface ServeConfig {
  listen: { host: string; port: number };
  /** The web configuration file, and what it asks for: TLS and authentication of /metrics. */
  web: { file: string; security: WebSecurity } | undefined;
  logLevel: string;
  otlpEndpoint: string | undefined;
  /** Consoles as configured, without secrets (for --check-config and logs). */
  consoles: (ConsoleConfig & { name: string })[];
  targets: ConsoleTarget[];
  ceilometer: CeilometerSettings | undefined;
}

export function loadServeConfig(
  flags: CommandLineSettings,
  env: NodeJS.ProcessEnv = process.env,
): ServeConfig {
  const path = flags.config ?? env['POWERVM_CONFIG'];
  const file: FileConfig = path ? readConfigFile(path) : { consoles: [] };
  const fromFlags = commandLineConsole(flags.console ?? {}, env);
  const consoles = [...file.consoles, ...(fromFlags ? [fromFlags] : [])];
  const targets = consoles.map((console, index): ConsoleTarget => {
    const where = index < file.consoles.length ? `consoles[${index}]` : 'command line';
    const connection = toConnection(console, where, env);
    const system = compileFilter(console.systems, `${where}.systems`);
    return {
      connection,
      includeSystem: (s) => system(s.name, s.uuid),
      includeLpar: compileFilter(console.lpars, `${where}.lpars`),
      pcmAutoEnable: console.pcm_auto_enable,
      concurrency: Math.floor(console.concurrency),
    };
  });
  const names = targets.map((t) => t.connection.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new ConfigError(`two consoles are named '${twice}': give each a distinct name`);
  const webFile = flags.webConfigFile ?? env['POWERVM_WEB_CONFIG_FILE'] ?? file.web_config_file;
  return {
    listen: parseListen(flags.listen ?? env['POWERVM_LISTEN'] ?? file.listen ?? DEFAULT_LISTEN),
    web: webFile === undefined ? undefined : { file: webFile, security: loadWebConfig(webFile) },
    logLevel: flags.logLevel ?? env['POWERVM_LOG_LEVEL'] ?? file.log_level ?? 'info',
    otlpEndpoint: flags.otlpEndpoint ?? env['POWERVM_OTLP_ENDPOINT'] ?? file.otlp?.endpoint,
    consoles: consoles.map((c, i) => ({ ...c, name: targets[i]!.connection.name })),
    targets,
    ceilometer: resolveCeilometer(file.ceilometer, env),
  };
}

function readConfigFile(path: string): FileConfig {
  return readYamlFile(path, 'configuration file', validateFile);
}

/** The console given by flags and POWERVM_* variables, if a URL was given. */
export function commandLineConsole(
  given: Partial<ConsoleConfig>,
  env: NodeJS.ProcessEnv,
): ConsoleConfig | undefined {
  const url = given.url ?? env['POWERVM_HMC_URL'];
  if (!url) return undefined;
  const insecure = given.insecure || /^(1|true|yes)$/i.test(env['POWERVM_INSECURE'] ?? '');
  return {
    ...CONSOLE_DEFAULTS,
    ...definedOnly(given),
    url,
    user: given.user ?? env['POWERVM_USER'] ?? CONSOLE_DEFAULTS.user,
    password_file: given.password_file ?? env['POWERVM_PASSWORD_FILE'],
    ca_file: given.ca_file ?? env['POWERVM_CA_FILE'],
    tls_pin_sha256: given.tls_pin_sha256 ?? env['POWERVM_TLS_PIN_SHA256'],
    insecure,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `HOST:PORT`, `:PORT` (every interface) or `[v6]:PORT`. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535)
    throw new ConfigError(`listen address '${text}': expected HOST:PORT, e.g. 127.0.0.1:9859 or :9859`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}
