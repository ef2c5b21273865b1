export { readSecretFile, toConnection } from './connection.js';
export * from './load.js';
export { ConfigError, compileFilter } from './patterns.js';
export { CONSOLE_DEFAULTS, type ConsoleConfig } from './schema.js';
export type { CeilometerSettings } from './ceilometer.js';
