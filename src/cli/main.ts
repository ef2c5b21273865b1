#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ConsoleError } from '../powervm/index.js';
import { inspectCommand } from './commands/inspect.js';
import { simulateCommand } from './commands/simulate.js';
import { UsageError } from './console-options.js';

await yargs(hideBin(process.argv))
  .scriptName('powervm-exporter')
  .usage(
    '$0 <command> [options]\n\nIBM PowerVM performance data for Prometheus/OpenTelemetry and OpenStack Ceilometer.',
  )
  .command(inspectCommand)
  .command(simulateCommand)
  .demandCommand(1, 'Name a command; --help lists them.')
  .strict()
  .help()
  .alias('help', 'h')
  .version()
  .fail((message, error, cli) => {
    if (error && !(error instanceof UsageError || error instanceof ConsoleError)) throw error;
    process.stderr.write(`powervm-exporter: ${error?.message ?? message}\n`);
    if (!error) cli.showHelp((text: string) => process.stderr.write(`\n${text}\n`));
    // 2: the command line was wrong; 1: the console or the data failed us.
    process.exit(error instanceof ConsoleError ? 1 : 2);
  })
  .parseAsync();
