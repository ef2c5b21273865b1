import { ConfigError, type NameFilter } from './patterns.js';

/** The configuration file's shape, after validation. Durations are seconds. */
export interface FileConfig {
  listen?: string;
  /** TLS and authentication of /metrics: exporter-toolkit's web-config.yml format. */
  web_config_file?: string;
  log_level?: string;
  otlp?: { endpoint: string };
  consoles: ConsoleConfig[];
  ceilometer?: CeilometerFileConfig;
}

/** The Ceilometer sink; on when this section exists or $POWERVM_CEILOMETER_URL is set. */
export interface CeilometerFileConfig {
  /** amqp:// (or rabbit://) transport URL, http(s):// for an HTTP receiver, file:///path for JSON lines. */
  url?: string;
  secret_file?: string;
  secret_env?: string;
  profile?: string;
  exchange?: string;
  topic?: string;
  durable?: boolean;
  batch_size?: number;
  queue_size?: number;
  unmapped?: 'send' | 'skip';
  source?: string;
  instances?: {
    file?: string;
    keystone?: {
      auth_url: string;
      username: string;
      password_file?: string;
      password_env?: string;
      project_name: string;
      user_domain?: string;
      project_domain?: string;
      region?: string;
      interface?: 'public' | 'internal' | 'admin';
      refresh?: number;
    };
  };
}

export interface ConsoleConfig {
  name?: string;
  url: string;
  user: string;
  password_file?: string;
  password_env?: string;
  local_auth: boolean;
  ca_file?: string;
  /** SHA-256 fingerprint of the console's own certificate: trust exactly that certificate. */
  tls_pin_sha256?: string;
  insecure: boolean;
  timeout: number;
  concurrency: number;
  pcm_auto_enable: boolean;
  systems?: NameFilter;
  lpars?: NameFilter;
}

/** Checks one value of a YAML document; `where` is its key path, for the error. */
export type Check = (value: unknown, where: string) => unknown;

export const string: Check = (v, where) => {
  if (typeof v !== 'string' || v === '') throw new ConfigError(`${where}: expected a non-empty string`);
  return v;
};
const boolean: Check = (v, where) => {
  if (typeof v !== 'boolean') throw new ConfigError(`${where}: expected true or false`);
  return v;
};
const positive: Check = (v, where) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new ConfigError(`${where}: expected a positive number`);
  return v;
};
const strings: Check = (v, where) => {
  if (!Array.isArray(v)) throw new ConfigError(`${where}: expected a list of names or /regex/`);
  return v.map((item, i) => string(item, `${where}[${i}]`));
};

export function object(shape: Record<string, Check>, required: string[] = []): Check {
  return (value, where) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(`${where || 'the configuration'}: expected a mapping of keys to values`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const path = where ? `${where}.${key}` : key;
      const check = shape[key];
      if (!check) throw new ConfigError(`${path}: unknown key${suggest(key, Object.keys(shape))}`);
      out[key] = check(item, path);
    }
    for (const key of required) {
      if (out[key] === undefined) throw new ConfigError(`${where ? `${where}.` : ''}${key}: required`);
    }
    return out;
  };
}

const filter = object({ include: strings, exclude: strings });

const consoleShape = object(
  {
    name: string,
    url: string,
    user: string,
    password_file: string,
    password_env: string,
    local_auth: boolean,
    ca_file: string,
    tls_pin_sha256: string,
    insecure: boolean,
    timeout: positive,
    concurrency: positive,
    pcm_auto_enable: boolean,
    systems: filter,
    lpars: filter,
  },
  ['url'],
);

export const oneOf =
  (...values: string[]): Check =>
  (v, where) => {
    if (typeof v !== 'string' || !values.includes(v))
      throw new ConfigError(`${where}: expected one of ${values.join(', ')}`);
    return v;
  };

const ceilometerShape = object({
  url: string,
  secret_file: string,
  secret_env: string,
  profile: string,
  exchange: string,
  topic: string,
  durable: boolean,
  batch_size: positive,
  queue_size: positive,
  unmapped: oneOf('send', 'skip'),
  source: string,
  instances: object({
    file: string,
    keystone: object(
      {
        auth_url: string,
        username: string,
        password_file: string,
        password_env: string,
        project_name: string,
        user_domain: string,
        project_domain: string,
        region: string,
        interface: oneOf('public', 'internal', 'admin'),
        refresh: positive,
      },
      ['auth_url', 'username', 'project_name'],
    ),
  }),
});

const fileShape = object({
  ceilometer: ceilometerShape,
  listen: string,
  web_config_file: string,
  log_level: string,
  otlp: object({ endpoint: string }, ['endpoint']),
  consoles: (value, where) => {
    if (!Array.isArray(value)) throw new ConfigError(`${where}: expected a list of consoles`);
    return value.map((item, i) => consoleShape(item, `${where}[${i}]`));
  },
});

export const CONSOLE_DEFAULTS = {
  user: 'hscroot',
  local_auth: false,
  insecure: false,
  timeout: 60,
  concurrency: 4,
  pcm_auto_enable: false,
};

/** Checks a parsed YAML document and fills in defaults; errors name the key and its path. */
export function validateFile(raw: unknown): FileConfig {
  const file = fileShape(raw ?? {}, '') as Partial<FileConfig>;
  return {
    ...file,
    consoles: (file.consoles ?? []).map((c) => ({ ...CONSOLE_DEFAULTS, ...c }) as ConsoleConfig),
  };
}

function suggest(key: string, known: string[]): string {
  const close = known.find((k) => distance(k, key) <= 2);
  return close ? ` (did you mean ${close}?)` : ` (known: ${known.join(', ')})`;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
