import { ConfigError } from '../../src/cli/config/index.js';

/** The message of the ConfigError `run` throws; fails the test if it throws nothing or something else. */
export function configError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}
