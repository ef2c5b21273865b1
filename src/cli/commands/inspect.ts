import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { snapshotConsole } from '../../collector/index.js';
import { inspect, type Readings } from '../../inspector/index.js';
import {
  FormatError,
  parsePcmJson,
  PowerVmClient,
  samplesFromDocuments,
  type ConsoleConnection,
} from '../../powervm/index.js';
import { startSimulator } from '../../simulator/index.js';
import { commandLineConsole, toConnection } from '../config/index.js';
import { consoleSettings, withConsoleOptions, type ConsoleArgs } from '../console-options.js';
import { UsageError } from '../usage-error.js';
import { lparRecords, lparTable } from '../render-readings.js';

interface InspectArgs extends ConsoleArgs {
  files?: string[] | undefined;
  interval?: number | undefined;
  format: 'table' | 'json';
  system?: string[] | undefined;
}

export const inspectCommand: CommandModule<object, InspectArgs> = {
  command: 'inspect',
  describe: 'Print per-LPAR readings from a console (--hmc) or from captured PCM JSON files (--files)',
  builder: (yargs: Argv) =>
    withConsoleOptions(yargs)
      .option('files', {
        type: 'string',
        array: true,
        describe:
          'Captured PCM JSON files (phyp, vios_N, lpar; told apart by content); the two newest phyp samples are used',
      })
      .option('interval', {
        type: 'number',
        describe:
          'With --files: seconds between the two samples, for captures whose timestamps are unreliable',
      })
      .option('format', {
        choices: ['table', 'json'] as const,
        default: 'table' as const,
        describe: 'table for people, json (an array, one object per LPAR) for programs',
      })
      .option('system', {
        type: 'string',
        array: true,
        describe: 'With --hmc: only these managed systems (name or UUID)',
      })
      .conflicts('files', 'hmc')
      .epilogue('With neither --hmc nor --files, the built-in simulator is started in-process and inspected.')
      .check((args) => {
        if (args.files?.length === 0) throw new UsageError('--files needs at least one path');
        return true;
      }) as unknown as Argv<InspectArgs>,
  handler: async (args: ArgumentsCamelCase<InspectArgs>) => {
    const { readings, failed } = args.files
      ? await offline(args.files, args.interval)
      : await fromConsole(args);
    const records = lparRecords(readings);
    process.stdout.write(
      args.format === 'json' ? `${JSON.stringify(records, null, 2)}\n` : `${lparTable(records)}\n`,
    );
    if (failed) process.exitCode = 1;
  },
};

async function offline(
  files: string[],
  interval: number | undefined,
): Promise<{ readings: Readings[]; failed: boolean }> {
  const documents = await Promise.all(
    files.map(async (source) => {
      try {
        return { source, doc: parsePcmJson(await readFile(source, 'utf8')) };
      } catch (error) {
        const why = error instanceof FormatError ? error.message : (error as NodeJS.ErrnoException).code;
        throw new UsageError(`${source}: ${why}`);
      }
    }),
  );
  const [current, previous] = samplesFromDocuments(documents);
  return { readings: [inspect(current!, previous, { intervalSeconds: interval })], failed: false };
}

async function fromConsole(args: InspectArgs): Promise<{ readings: Readings[]; failed: boolean }> {
  const console = commandLineConsole(consoleSettings(args), process.env);
  if (!console) return embedded(args);
  const connection = toConnection(console, 'command line', process.env);
  if (connection.tls?.insecure) {
    process.stderr.write(
      `powervm-exporter: TLS certificate verification is off for ${connection.name}: anyone on the path can read its password\n`,
    );
  }
  return online(args, connection, console.pcm_auto_enable);
}

/** The embedded default: a simulated console in this process, so the command shows real-shaped data anywhere. */
async function embedded(args: InspectArgs): Promise<{ readings: Readings[]; failed: boolean }> {
  const password = 'embedded';
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, users: { [EMBEDDED_USER]: password } });
  process.stderr.write(
    `powervm-exporter: no console given (--hmc or --files); inspecting the built-in simulator at ${sim.url}\n`,
  );
  try {
    return await online(args, { name: 'simulator', url: sim.url, user: EMBEDDED_USER, password }, false);
  } finally {
    await sim.close();
  }
}

const EMBEDDED_USER = 'embedded';

async function online(
  args: InspectArgs,
  connection: ConsoleConnection,
  pcmAutoEnable: boolean,
): Promise<{ readings: Readings[]; failed: boolean }> {
  const client = new PowerVmClient(connection);
  const wanted = args.system;
  try {
    const snapshots = await snapshotConsole(client, {
      pcmAutoEnable,
      includeSystem: wanted ? (s) => wanted.includes(s.name) || wanted.includes(s.uuid) : undefined,
    });
    const readings: Readings[] = [];
    for (const snapshot of snapshots) {
      if ('error' in snapshot) process.stderr.write(`powervm-exporter: ${snapshot.error.message}\n`);
      else readings.push(snapshot.readings);
    }
    return { readings, failed: readings.length < snapshots.length };
  } finally {
    await client.logoff();
  }
}
