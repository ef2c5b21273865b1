import { randomBytes } from 'node:crypto';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { Collector, type ConsoleTarget } from '../../collector/index.js';
import { startSimulator, type RunningSimulator } from '../../simulator/index.js';
import { redactUrl } from '../../sinks/ceilometer/index.js';
import type { Sink } from '../../sinks/index.js';
import { createCeilometerSink } from '../ceilometer-sink.js';
import { createExporterServer, ThreadedOtelSink, type WebSecurity } from '../../sinks/otel/index.js';
import { ENVIRONMENT, loadServeConfig, type ServeConfig } from '../config/index.js';
import { consoleSettings, withConsoleOptions, type ConsoleArgs } from '../console-options.js';
import { tightenHeapGrowth } from '../heap-growth.js';
import { createLogger, LOG_LEVELS } from '../logger.js';

interface ServeArgs extends ConsoleArgs {
  config?: string | undefined;
  listen?: string | undefined;
  'web.config.file'?: string | undefined;
  'log-level'?: string | undefined;
  'otlp-endpoint'?: string | undefined;
  'check-config': boolean;
}

/** The consoles' data changes every 30 s: a cycle at least that often keeps ages and up/down states current. */
export const PCM_CADENCE_MS = 30_000;

/**
 * When serve renders (bench/: rendering is most of the exporter's CPU at 10,000 LPARs): news once
 * the burst of an estate's samples has settled, so one rendering per PCM cycle holds them all, and
 * never more often than every 20 s; cycles in which only time passed (polls finding no new sample
 * yet, heartbeats) at most once a minute, which is how stale a sample age on /metrics can get
 * between two renderings when nothing else changes.
 */
export const SERVE_RENDERING = {
  minRenderIntervalMs: 20_000,
  settleMs: 3_000,
  quietRenderEveryMs: 60_000,
} as const;

/** SIGTERM must log off every session and exit within this, even if a console hangs. */
const SHUTDOWN_DEADLINE_MS = 5_000;

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe:
    'Collect from PowerVM consoles and serve the metrics on /metrics (the built-in simulator when no console is given)',
  builder: (yargs: Argv) =>
    withConsoleOptions(yargs)
      .option('config', {
        type: 'string',
        describe: 'YAML configuration file (consoles, listen, otlp) [$POWERVM_CONFIG]',
      })
      .option('listen', {
        type: 'string',
        describe:
          'HOST:PORT for /metrics, or :PORT for every interface [$POWERVM_LISTEN, default 127.0.0.1:9859]',
      })
      .option('web.config.file', {
        type: 'string',
        describe:
          'Web configuration file (exporter-toolkit web-config.yml format): TLS, basic auth users with bcrypt hashes, bearer_token_file [$POWERVM_WEB_CONFIG_FILE]',
      })
      .option('log-level', { choices: LOG_LEVELS, describe: 'Log level [$POWERVM_LOG_LEVEL, default info]' })
      .option('otlp-endpoint', {
        type: 'string',
        describe:
          'Also push the metrics to this OTLP/HTTP endpoint, e.g. http://collector:4318/v1/metrics [$POWERVM_OTLP_ENDPOINT]',
      })
      .option('check-config', {
        type: 'boolean',
        default: false,
        describe: 'Validate the configuration (secrets included), print it without secrets, and exit',
      })
      .epilogue(
        `Environment variables:\n${Object.entries(ENVIRONMENT)
          .map(([name, what]) => `  ${name.padEnd(24)} ${what}`)
          .join('\n')}`,
      ) as unknown as Argv<ServeArgs>,
  handler: async (args: ArgumentsCamelCase<ServeArgs>) => {
    const config = loadServeConfig({
      config: args.config,
      listen: args.listen,
      webConfigFile: args['web.config.file'],
      logLevel: args['log-level'],
      otlpEndpoint: args['otlp-endpoint'],
      console: consoleSettings(args),
    });
    if (args['check-config']) {
      process.stdout.write(`${JSON.stringify(describeConfig(config), null, 2)}\n`);
      return;
    }
    await serve(config);
  },
};

function describeConfig(config: ServeConfig): object {
  return {
    listen: `${config.listen.host}:${config.listen.port}`,
    web_config_file: config.web ? { file: config.web.file, ...describeWeb(config.web.security) } : null,
    log_level: config.logLevel,
    otlp_endpoint: config.otlpEndpoint ?? null,
    ceilometer: config.ceilometer
      ? {
          ...config.ceilometer,
          url: redactUrl(config.ceilometer.url),
          secret: '[redacted]',
          instances: config.ceilometer.instances ? 'configured' : 'none: LPAR UUIDs',
        }
      : null,
    consoles: config.consoles.length > 0 ? config.consoles : 'none: the built-in simulator is served',
  };
}

/** What the web configuration protects with, never its hashes or token. */
function describeWeb(web: WebSecurity): object {
  return {
    tls: web.tls ? { client_auth_type: web.tls.clientAuth } : 'off',
    basic_auth_users: [...(web.basicAuthUsers?.keys() ?? [])],
    bearer_token: web.bearerToken === undefined ? 'none' : 'configured',
  };
}

async function serve(config: ServeConfig): Promise<void> {
  tightenHeapGrowth();
  const logger = createLogger(config.logLevel);
  let simulator: RunningSimulator | undefined;
  let targets: ConsoleTarget[] = config.targets;
  if (targets.length === 0) {
    const password = randomBytes(18).toString('base64url');
    simulator = await startSimulator({ host: '127.0.0.1', port: 0, users: { exporter: password } });
    logger.info(
      { simulator: simulator.url },
      'no console configured: collecting from the built-in PowerVM simulator',
    );
    targets = [embeddedTarget(simulator.url, password)];
  }
  for (const target of targets.filter((t) => t.connection.tls?.insecure)) {
    logger.warn(
      { hmc: target.connection.name },
      'TLS certificate verification is off for this console: anyone on the path can read its password; give its CA with ca_file, or pin its certificate with tls_pin_sha256, instead',
    );
  }
  const otel = new ThreadedOtelSink({
    otlpUrl: config.otlpEndpoint,
    logger,
    ...SERVE_RENDERING,
  });
  const sinks: Sink[] = [otel];
  if (config.ceilometer) {
    sinks.push(await createCeilometerSink(config.ceilometer, logger));
    logger.info(
      { url: redactUrl(config.ceilometer.url), profile: config.ceilometer.profile },
      'publishing Ceilometer samples',
    );
  }
  const collector = new Collector({ targets, sinks, logger, heartbeatMs: PCM_CADENCE_MS });
  const server = await createExporterServer({ ...config.listen, sink: otel, web: config.web?.security });
  logger.info(
    {
      url: `${server.url}/metrics`,
      consoles: targets.map((t) => t.connection.name),
      ...(config.web && { web_config_file: config.web.file, ...describeWeb(config.web.security) }),
    },
    'serving metrics',
  );
  collector.start();

  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info({}, 'shutting down: logging off every console');
  const deadline = setTimeout(() => {
    logger.error({}, `shutdown took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await collector.shutdown();
  await Promise.all([...sinks.map((sink) => sink.shutdown()), server.close(), simulator?.close()]);
  logger.info({}, 'stopped');
  logger.flush();
}

function embeddedTarget(url: string, password: string): ConsoleTarget {
  return {
    connection: { name: 'simulator', url, user: 'exporter', password },
    includeSystem: () => true,
    includeLpar: () => true,
    pcmAutoEnable: false,
    concurrency: 4,
  };
}
