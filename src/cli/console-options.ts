import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { ConsoleConnection } from '../powervm/index.js';

/** Flags that describe one console connection, shared by every command that talks to a console. */
export function withConsoleOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('hmc', {
      type: 'string',
      describe: 'Console URL (HMC or NovaLink), e.g. https://hmc1:12443',
    })
    .option('user', {
      type: 'string',
      default: 'hscroot',
      describe: 'Console user (a viewer role is enough)',
    })
    .option('password-file', {
      type: 'string',
      describe: 'File holding the console password (else $POWERVM_PASSWORD); never given on the command line',
    })
    .option('local-auth', {
      type: 'boolean',
      default: false,
      describe: 'NovaLink file-based logon, for use on the NovaLink partition itself (no password)',
    })
    .option('ca-file', {
      type: 'string',
      describe: "PEM file of the CA (or self-signed certificate) that signed the console's certificate",
    })
    .option('insecure', {
      type: 'boolean',
      default: false,
      describe: 'Do not verify the console certificate (unsafe: anyone on the path can read the password)',
    })
    .option('timeout', {
      type: 'number',
      default: 60,
      describe: 'Seconds one console request may take, body included',
    });
}

export interface ConsoleArgs {
  hmc?: string | undefined;
  user: string;
  'password-file'?: string | undefined;
  'local-auth': boolean;
  'ca-file'?: string | undefined;
  insecure: boolean;
  timeout: number;
}

export class UsageError extends Error {}

export function connectionFromArgs(
  args: ConsoleArgs,
  env: NodeJS.ProcessEnv = process.env,
): ConsoleConnection {
  if (!args.hmc) throw new UsageError('--hmc URL is required to talk to a console');
  let url: URL;
  try {
    url = new URL(args.hmc);
  } catch {
    throw new UsageError(`--hmc '${args.hmc}' is not a URL (expected e.g. https://hmc1:12443)`);
  }
  return {
    name: url.host,
    url: url.origin,
    user: args.user,
    password: args['local-auth'] ? undefined : readPassword(args['password-file'], env),
    tls: { ca: args['ca-file'] ? readFileSync(args['ca-file']) : undefined, insecure: args.insecure },
    timeoutMs: args.timeout * 1000,
  };
}

function readPassword(file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new UsageError(
        `cannot read --password-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
  }
  const password = env['POWERVM_PASSWORD'];
  if (password === undefined) {
    throw new UsageError(
      'no console password: give --password-file PATH or set POWERVM_PASSWORD (or use --local-auth on NovaLink)',
    );
  }
  return password;
}
