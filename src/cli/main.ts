#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ConsoleError } from '../powervm/index.js';
import { inspectCommand } from './commands/inspect.js';
import { serveCommand } from './commands/serve.js';
import { simulateCommand } from './commands/simulate.js';
import { UsageError } from './usage-error.js';

await yargs(hideBin(process.argv))
  .scriptName('powervm-exporter')
  .usage(
    '$0 <command> [options]\n\nIBM PowerVM performance data for Prometheus/OpenTelemetry and OpenStack Ceilometer.',
  )
  .command(serveCommand)
  .command(inspectCommand)
  .command(simulateCommand)
  .demandCommand(1, 'Name a command; --help lists them.')
  // --web.config.file is the Prometheus exporters' flag name: keep dotted flags whole, not nested.
  .parserConfiguration({ 'dot-notation': false })
  .strict()
  .check((argv, options: { array?: string[] }) => {
    // yargs turns a repeated scalar flag into an array that no handler expects: say so instead.
    const repeated = Object.keys(argv).find(
      (key) => !/[A-Z]/.test(key) && key !== '_' && Array.isArray(argv[key]) && !options.array?.includes(key),
    );
    if (repeated) throw new UsageError(`--${repeated} was given more than once`);
    return true;
  }, true)
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
