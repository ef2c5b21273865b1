import { createSecureContext, type SecureVersion } from 'node:tls';
import { CLIENT_AUTH_TYPES, type ClientAuthType, type WebSecurity } from '../../sinks/otel/index.js';
import { readSecretFile } from './connection.js';
import { ConfigError } from './patterns.js';
import { object, oneOf, string, type Check } from './schema.js';
import { readYamlFile } from './yaml-file.js';

/**
 * The web configuration file, in the format of Prometheus exporters (exporter-toolkit's
 * web-config.yml), so the files and habits of node_exporter carry over; `bearer_token_file` is
 * ours. Keys of that format we do not implement are refused, not ignored: a file that asks for a
 * protection must not silently go without it.
 */
interface WebFile {
  tls_server_config?: {
    cert_file?: string;
    key_file?: string;
    client_ca_file?: string;
    client_auth_type?: ClientAuthType;
    min_version?: keyof typeof TLS_VERSIONS;
    max_version?: keyof typeof TLS_VERSIONS;
  };
  basic_auth_users?: Record<string, string>;
  bearer_token_file?: string;
}

const TLS_VERSIONS = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' } as const;

/** `$2a$`, `$2b$` or `$2y$`, two cost digits, 53 characters of salt and hash (htpasswd -B makes them). */
const BCRYPT_HASH = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/;

const bcryptHashes: Check = (value, where) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where}: expected a mapping of user names to bcrypt hashes`);
  }
  for (const [user, hash] of Object.entries(value)) {
    if (typeof hash !== 'string' || !BCRYPT_HASH.test(hash)) {
      throw new ConfigError(
        `${where}.${user}: expected a bcrypt hash ($2y$10$…, e.g. from htpasswd -nBC 10 ${user}), not a password`,
      );
    }
  }
  return value;
};

const versions = oneOf(...Object.keys(TLS_VERSIONS));

const webShape = object({
  tls_server_config: object(
    {
      cert_file: string,
      key_file: string,
      client_ca_file: string,
      client_auth_type: oneOf(...CLIENT_AUTH_TYPES),
      min_version: versions,
      max_version: versions,
    },
    ['cert_file', 'key_file'],
  ),
  basic_auth_users: bcryptHashes,
  bearer_token_file: string,
});

/** Reads and checks the web configuration file; errors name the file and the key. */
export function loadWebConfig(path: string): WebSecurity {
  return readYamlFile(path, 'web configuration file', (raw) =>
    toSecurity(webShape(raw ?? {}, '') as WebFile),
  );
}

function toSecurity(file: WebFile): WebSecurity {
  const users = file.basic_auth_users ?? {};
  return {
    tls: file.tls_server_config && serverTls(file.tls_server_config),
    basicAuthUsers: new Map(Object.entries(users)),
    bearerToken: file.bearer_token_file && bearerToken(file.bearer_token_file),
  };
}

function serverTls(config: NonNullable<WebFile['tls_server_config']>): WebSecurity['tls'] {
  const where = 'tls_server_config';
  const clientAuth = config.client_auth_type ?? 'NoClientCert';
  const verifies = clientAuth === 'VerifyClientCertIfGiven' || clientAuth === 'RequireAndVerifyClientCert';
  if (verifies && !config.client_ca_file) {
    throw new ConfigError(`${where}.client_ca_file: required with client_auth_type ${clientAuth}`);
  }
  if (config.client_ca_file && clientAuth === 'NoClientCert') {
    throw new ConfigError(
      `${where}.client_auth_type: client_ca_file is given but no client certificate is asked for (NoClientCert)`,
    );
  }
  const tls = {
    cert: readSecretFile(config.cert_file!, `${where}.cert_file`),
    key: readSecretFile(config.key_file!, `${where}.key_file`),
    clientCa: config.client_ca_file && readSecretFile(config.client_ca_file, `${where}.client_ca_file`),
    clientAuth,
    minVersion: tlsVersion(config.min_version),
    maxVersion: tlsVersion(config.max_version),
  };
  try {
    // Refused here, at start, rather than by the first client's handshake.
    createSecureContext({ cert: tls.cert, key: tls.key, ca: tls.clientCa });
  } catch (error) {
    throw new ConfigError(
      `${where}: cert_file ${config.cert_file}, key_file ${config.key_file}: ${(error as Error).message}`,
    );
  }
  return tls;
}

const tlsVersion = (name: keyof typeof TLS_VERSIONS | undefined): SecureVersion | undefined =>
  name && TLS_VERSIONS[name];

function bearerToken(path: string): string {
  const token = readSecretFile(path, 'bearer_token_file').trim();
  if (!token) throw new ConfigError(`bearer_token_file: ${path} is empty`);
  return token;
}
