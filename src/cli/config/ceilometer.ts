import { isProfileName, PROFILE_NAMES, type NovaDirectoryOptions } from '../../sinks/ceilometer/index.js';
import { readSecretFile } from './connection.js';
import { ConfigError } from './patterns.js';
import type { CeilometerFileConfig } from './schema.js';

/** The Ceilometer sink's settings, secrets resolved. */
export interface CeilometerSettings {
  url: string;
  secret: string;
  profile: string;
  exchange: string;
  topic: string;
  durable: boolean;
  batchSize: number;
  queueSize: number;
  unmapped: 'send' | 'skip';
  source: string;
  instances: { file: string } | { keystone: NovaDirectoryOptions; refreshMs: number } | undefined;
}

/** Debian bookworm's release, the broadest-compatible meter set (ceilometer.md §7). */
export const DEFAULT_PROFILE = 'zed';

/** Undefined when the sink is off: no `ceilometer` section and no $POWERVM_CEILOMETER_URL. */
export function resolveCeilometer(
  file: CeilometerFileConfig | undefined,
  env: NodeJS.ProcessEnv,
): CeilometerSettings | undefined {
  const url = env['POWERVM_CEILOMETER_URL'] ?? file?.url;
  if (!file && url === undefined) return undefined;
  if (!url) throw new ConfigError('ceilometer.url: required (or set POWERVM_CEILOMETER_URL)');
  if (!/^(amqps?|rabbit|https?|file):\/\//.test(url)) {
    throw new ConfigError(
      'ceilometer.url: expected amqp://, rabbit://, http(s):// or file:// (the URL is not shown: it may carry a password)',
    );
  }
  const profile = file?.profile ?? DEFAULT_PROFILE;
  if (!isProfileName(profile))
    throw new ConfigError(`ceilometer.profile: '${profile}' is not one of ${PROFILE_NAMES.join(', ')}`);
  return {
    url,
    secret: secret(file?.secret_file, file?.secret_env ?? 'POWERVM_CEILOMETER_SECRET', 'ceilometer', env),
    profile,
    exchange: file?.exchange ?? 'ceilometer',
    topic: file?.topic ?? 'notifications',
    durable: file?.durable ?? false,
    batchSize: Math.floor(file?.batch_size ?? 50),
    queueSize: Math.floor(file?.queue_size ?? 10_000),
    unmapped: file?.unmapped ?? 'send',
    source: file?.source ?? 'openstack',
    instances: instances(file?.instances, env),
  };
}

function instances(
  config: CeilometerFileConfig['instances'],
  env: NodeJS.ProcessEnv,
): CeilometerSettings['instances'] {
  if (config?.file && config.keystone)
    throw new ConfigError('ceilometer.instances: give file or keystone, not both');
  if (config?.file) return { file: config.file };
  const keystone = config?.keystone;
  if (!keystone) return undefined;
  return {
    keystone: {
      authUrl: keystone.auth_url,
      username: keystone.username,
      password: secret(
        keystone.password_file,
        keystone.password_env ?? 'OS_PASSWORD',
        'ceilometer.instances.keystone',
        env,
      ),
      projectName: keystone.project_name,
      userDomainName: keystone.user_domain,
      projectDomainName: keystone.project_domain,
      region: keystone.region,
      interface: keystone.interface,
    },
    refreshMs: (keystone.refresh ?? 600) * 1000,
  };
}

function secret(file: string | undefined, variable: string, where: string, env: NodeJS.ProcessEnv): string {
  if (file) return readSecretFile(file, `${where}.secret_file`).replace(/\r?\n$/, '');
  const value = env[variable];
  if (value === undefined)
    throw new ConfigError(`${where}: no secret: set ${variable}, or give a *_file setting`);
  return value;
}
