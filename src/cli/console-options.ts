import type { Argv } from 'yargs';
import type { ConsoleConfig } from './config/index.js';

/** Flags that describe one console, shared by every command that talks to a console. */
export function withConsoleOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('hmc', {
      type: 'string',
      describe: 'Console URL (HMC or NovaLink), e.g. https://hmc1:12443 [$POWERVM_HMC_URL]',
    })
    .option('user', {
      type: 'string',
      describe: 'Console user; a viewer role is enough [$POWERVM_USER, default hscroot]',
    })
    .option('password-file', {
      type: 'string',
      describe:
        'File holding the console password [$POWERVM_PASSWORD_FILE]; else $POWERVM_PASSWORD. Never a flag',
    })
    .option('local-auth', {
      type: 'boolean',
      describe: 'NovaLink file-based logon, on the NovaLink partition itself (no password)',
    })
    .option('ca-file', {
      type: 'string',
      describe:
        "PEM file of the CA (or self-signed certificate) of the console's certificate [$POWERVM_CA_FILE]",
    })
    .option('tls-pin-sha256', {
      type: 'string',
      describe:
        'Trust exactly the console certificate with this SHA-256 fingerprint (hex, colons optional), even self-signed [$POWERVM_TLS_PIN_SHA256]',
    })
    .option('insecure', {
      type: 'boolean',
      describe:
        'Do not verify the console certificate (unsafe: anyone on the path can read the password) [$POWERVM_INSECURE]',
    })
    .option('timeout', {
      type: 'number',
      describe: 'Seconds one console request may take, body included [default 60]',
    })
    .option('pcm-auto-enable', {
      type: 'boolean',
      describe: 'Switch long-term monitoring on where it is off (the only change ever made on a console)',
    });
}

export interface ConsoleArgs {
  hmc?: string | undefined;
  user?: string | undefined;
  'password-file'?: string | undefined;
  'local-auth'?: boolean | undefined;
  'ca-file'?: string | undefined;
  'tls-pin-sha256'?: string | undefined;
  insecure?: boolean | undefined;
  timeout?: number | undefined;
  'pcm-auto-enable'?: boolean | undefined;
}

/** The console settings the flags give (unset flags stay unset, so files and defaults can fill them). */
export function consoleSettings(args: ConsoleArgs): Partial<ConsoleConfig> {
  return {
    url: args.hmc,
    user: args.user,
    password_file: args['password-file'],
    local_auth: args['local-auth'],
    ca_file: args['ca-file'],
    tls_pin_sha256: args['tls-pin-sha256'],
    insecure: args.insecure,
    timeout: args.timeout,
    pcm_auto_enable: args['pcm-auto-enable'],
  };
}
