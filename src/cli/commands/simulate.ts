import { readFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { startSimulator, type Fault, type SimulatorOptions } from '../../simulator/index.js';
import { parseListen, readSecretFile } from '../config/index.js';
import { UsageError } from '../usage-error.js';

interface SimulateArgs {
  listen: string;
  systems: number;
  lpars: number;
  vios: number;
  seed: number;
  'mc-type': 'HMC' | 'PVM';
  user: string;
  'password-file'?: string | undefined;
  'ltm-disabled': boolean;
  'session-ttl': number;
  replay?: string[] | undefined;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  'control-listen'?: string | undefined;
  fault?: string[] | undefined;
}

const DEFAULT_PASSWORD = 'abc123';

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate',
  describe: 'Run a simulated HMC/NovaLink REST server with PCM data, for development and tests',
  builder: (yargs: Argv) =>
    yargs
      .option('listen', {
        type: 'string',
        default: '127.0.0.1:12080',
        describe:
          'HOST:PORT to listen on (port 0 picks a free one); HTTPS when --tls-cert/--tls-key are given',
      })
      .option('systems', { type: 'number', default: 1, describe: 'Managed systems to simulate' })
      .option('lpars', { type: 'number', default: 8, describe: 'Client LPARs per managed system' })
      .option('vios', { choices: [1, 2], default: 2, describe: 'Virtual I/O Servers per managed system' })
      .option('seed', {
        type: 'number',
        default: 1,
        describe: 'Seed of the invented estate: the same seed gives the same names, UUIDs and load',
      })
      .option('mc-type', {
        choices: ['HMC', 'PVM'] as const,
        default: 'HMC' as const,
        describe: 'Console flavour: HMC, or PVM for NovaLink (one system, file-based logon allowed)',
      })
      .option('user', { type: 'string', default: 'hscroot', describe: 'User name accepted by logon' })
      .option('password-file', {
        type: 'string',
        describe: `File holding the accepted password (else $POWERVM_SIM_PASSWORD, else ${DEFAULT_PASSWORD})`,
      })
      .option('ltm-disabled', {
        type: 'boolean',
        default: false,
        describe:
          'Start with long-term monitoring off, as on a console nobody has set up (403 until enabled)',
      })
      .option('session-ttl', {
        type: 'number',
        default: 0,
        describe: 'Seconds of idleness after which a session token expires (401); 0 = never',
      })
      .option('replay', {
        type: 'string',
        array: true,
        describe:
          'Serve these captured PCM files (raw JSON or pypowervm .txt) instead of the model; phyp files in sample order',
      })
      .option('tls-cert', { type: 'string', describe: 'PEM certificate file: serve HTTPS' })
      .option('tls-key', { type: 'string', describe: 'PEM private key file for --tls-cert' })
      .option('control-listen', {
        type: 'string',
        describe:
          'Loopback HOST:PORT of the fault control endpoint (POST/GET/DELETE /faults, JSON); see docs/simulator.md',
      })
      .option('fault', {
        type: 'string',
        array: true,
        describe:
          'A fault in force from the start, as JSON, e.g. \'{"kind":"status","status":503}\' (repeatable)',
      })
      .check((args) => {
        if (Boolean(args['tls-cert']) !== Boolean(args['tls-key'])) {
          throw new UsageError('--tls-cert and --tls-key go together');
        }
        return true;
      }) as unknown as Argv<SimulateArgs>,
  handler: async (args: ArgumentsCamelCase<SimulateArgs>) => {
    const options = simulatorOptions(args, process.env);
    const sim = await startSimulator(options).catch((error: unknown) => {
      throw new UsageError(`cannot start the simulator: ${(error as Error).message}`);
    });
    // Listen for signals before announcing the address: a supervisor may stop us as soon as it reads it.
    const stopped = new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    const what = args.replay?.length
      ? `replaying ${args.replay.length} file(s) for ${sim.systems[0]?.name ?? 'one system'}`
      : `${sim.systems.length} system(s) x ${args.lpars} LPAR(s) + ${args.vios} VIOS (seed ${args.seed})`;
    const password = options.users?.[args.user] === DEFAULT_PASSWORD ? ` / ${DEFAULT_PASSWORD}` : '';
    const control = sim.controlUrl ? `; faults at ${sim.controlUrl}/faults` : '';
    process.stdout.write(
      `${args['mc-type']} simulator listening on ${sim.url}: ${what}; log on as ${args.user}${password}${control}\n`,
    );
    await stopped;
    await sim.close();
  },
};

function simulatorOptions(args: SimulateArgs, env: NodeJS.ProcessEnv): SimulatorOptions {
  const { host, port } = parseListen(args.listen);
  const password = args['password-file']
    ? readSecretFile(args['password-file'], '--password-file').trim()
    : (env.POWERVM_SIM_PASSWORD ?? DEFAULT_PASSWORD);
  if (args.vios !== 1 && args.vios !== 2) throw new UsageError('--vios must be 1 or 2');
  const tlsCert = args['tls-cert'];
  const tlsKey = args['tls-key'];
  return {
    host,
    port,
    systems: args.systems,
    lpars: args.lpars,
    vios: args.vios,
    seed: args.seed,
    mcType: args['mc-type'],
    users: { [args.user]: password },
    ltmEnabled: !args['ltm-disabled'],
    sessionTtlSeconds: args['session-ttl'],
    replay: args.replay,
    tls: tlsCert && tlsKey ? { cert: readFileSync(tlsCert), key: readFileSync(tlsKey) } : undefined,
    control: args['control-listen'] === undefined ? undefined : parseListen(args['control-listen']),
    faults: (args.fault ?? []).map((text, i) => parseFaultFlag(text, i)),
  };
}

/** The simulator checks the fault itself; here only the JSON, so the error names the flag. */
function parseFaultFlag(text: string, index: number): Fault {
  try {
    return JSON.parse(text) as Fault;
  } catch (error) {
    throw new UsageError(`--fault #${index + 1}: not JSON: ${(error as Error).message}`);
  }
}
