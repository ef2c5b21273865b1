/**
 * Soak run: the exporter as serve composes it (collector → OtelSink → /metrics, plus the Ceilometer
 * sink to a private RabbitMQ) against the simulator, with seeded random console faults, for a fixed
 * number of 1 s PCM cycles. Loopback only. Not part of `npm test`. See --help.
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { createCeilometerSink } from '../src/cli/ceilometer-sink.js';
import { resolveCeilometer } from '../src/cli/config/ceilometer.js';
import { createLogger } from '../src/cli/logger.js';
import { Collector, type Cycle, type Logger } from '../src/collector/index.js';
import type { Sink } from '../src/sinks/index.js';
import { createExporterServer, OtelSink } from '../src/sinks/otel/index.js';
import { startSimulator } from '../src/simulator/index.js';
import { startBroker, type BenchBroker } from './ceilometer/broker.js';
import { countDelivered } from './soak/delivered.js';
import { FaultSchedule } from './soak/fault-schedule.js';
import { formatBytes, formatCount } from './support/format.js';
import { describeMachine, machineSummary } from './support/machine.js';
import { SeededRandom } from './support/seeded-random.js';
import { tableAsMarkdown, tableAsText } from './support/table.js';

const HELP = `Usage: npm run soak -- [options]

Runs the exporter against the simulator with seeded random console faults and reports cycles,
faults by kind, recoveries, samples produced and delivered, scrape errors and peak RSS.

  --cycles N        PCM cycles (1 s each) to run                        [300]
  --duration S      stop after S seconds even if cycles remain          [900]
  --systems N       simulated managed systems                           [2]
  --lpars N         client LPARs per system (at least 4)                [20]
  --seed N          seed of the estate and of the fault schedule        [1]
  --fault-rate P    chance per cycle of a new fault when none is active [0.3]
  --no-ceilometer   do not start RabbitMQ: count readings, not samples delivered
  --write-doc       also rewrite docs/soak.md with this run's figures
  --help            this text
`;

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'soak.md');
const SCRAPE_EVERY_MS = 500;
const PASS = 'PASS: no crash, every scrape answered, all up at the end';
const PROGRESS_EVERY = 10;
/** The client's limit in this run, below the `huge` fault's 32 MiB of padding. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

interface Options {
  cycles: number;
  duration: number;
  systems: number;
  lpars: number;
  seed: number;
  faultRate: number;
  ceilometer: boolean;
  writeDoc: boolean;
}

function options(): Options | undefined {
  const { values } = parseArgs({
    options: {
      cycles: { type: 'string', default: '300' },
      duration: { type: 'string', default: '900' },
      systems: { type: 'string', default: '2' },
      lpars: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      'fault-rate': { type: 'string', default: '0.3' },
      'no-ceilometer': { type: 'boolean', default: false },
      'write-doc': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: keyof typeof values, min: number, max = Infinity): number => {
    const value = Number(values[name]);
    if (!Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${name}: expected a number from ${min} to ${max}, not ${String(values[name])}`);
    return value;
  };
  return {
    cycles: number('cycles', 1),
    duration: number('duration', 1),
    systems: number('systems', 1, 50),
    lpars: number('lpars', 4, 2_000),
    seed: number('seed', 0),
    faultRate: number('fault-rate', 0, 1),
    ceilometer: !values['no-ceilometer'],
    writeDoc: values['write-doc'],
  };
}

/** Counts what reached the sinks: collection cycles with new readings, and the readings in them. */
class Tally implements Sink {
  readonly name = 'tally';
  cycles = 0;
  systemSamples = 0;
  lparReadings = 0;
  publish(cycle: Cycle): void {
    if (cycle.fresh.length > 0) this.cycles += 1;
    this.systemSamples += cycle.fresh.length;
    for (const fresh of cycle.fresh) this.lparReadings += fresh.readings.lpars.length;
  }
  async shutdown(): Promise<void> {}
}

/** The product's logger, with the state changes it announces counted. */
function countingLogger(inner: Logger, counts: Map<string, number>): Logger {
  const count = (level: keyof Logger) => (fields: object, message: string) => {
    if (level !== 'debug')
      counts.set(`${level}: ${classify(message)}`, (counts.get(`${level}: ${classify(message)}`) ?? 0) + 1);
    inner[level](fields, message);
  };
  return { debug: count('debug'), info: count('info'), warn: count('warn'), error: count('error') };
}

/** Log messages without their variable parts (console, system, file), to count kinds of line. */
function classify(message: string): string {
  return message
    .replace(/^console [^:]*: /, '')
    .replace(/ on \/rest\/\S+/, '')
    .slice(0, 60);
}

async function main(): Promise<void> {
  const opts = options();
  if (!opts) {
    process.stdout.write(HELP);
    return;
  }
  const machine = describeMachine();
  const progress = (line: string): void => {
    process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  };
  const rejections: unknown[] = [];
  process.on('unhandledRejection', (reason) => rejections.push(reason));

  const work = mkdtempSync(path.join(tmpdir(), 'powervm-soak-'));
  const logFile = path.join(work, 'exporter.log');
  const pino = createLogger('info', createWriteStream(logFile));
  const logCounts = new Map<string, number>();
  const logger = countingLogger(pino, logCounts);

  let broker: BenchBroker | undefined;
  if (opts.ceilometer) {
    progress('starting a private RabbitMQ on 127.0.0.1');
    broker = await startBroker();
  }
  const sim = await startSimulator({
    systems: opts.systems,
    lpars: opts.lpars,
    seed: opts.seed,
    sampleIntervalSeconds: 1,
    retentionMinutes: 2,
  });
  const otel = new OtelSink({ logger: pino });
  const tally = new Tally();
  const sinks: Sink[] = [otel, tally];
  const settings =
    broker &&
    resolveCeilometer(undefined, {
      POWERVM_CEILOMETER_URL: broker.amqpUrl,
      POWERVM_CEILOMETER_SECRET: 'soak-secret',
    });
  const ceilometer = settings ? await createCeilometerSink(settings, pino) : undefined;
  if (ceilometer) sinks.push(ceilometer);
  const delivered = broker ? await countDelivered(broker.amqpUrl, settings!.topic) : undefined;
  const collector = new Collector({
    targets: [
      {
        connection: {
          name: 'sim',
          url: sim.url,
          user: 'hscroot',
          password: 'abc123',
          timeoutMs: 2_000,
          maxBodyBytes: MAX_BODY_BYTES,
        },
        includeSystem: () => true,
        includeLpar: () => true,
        pcmAutoEnable: false,
        concurrency: 4,
      },
    ],
    sinks,
    logger,
    schedule: {
      intervalMs: 1_000,
      settleMs: 200,
      backoffMs: 200,
      maxBackoffMs: 2_000,
      discoveryEveryMs: 5_000,
    },
    coalesceMs: 100,
    heartbeatMs: 1_000,
  });
  const server = await createExporterServer({ host: '127.0.0.1', port: 0, sink: otel });
  collector.start();

  const scrapes = { ok: 0, failed: 0 };
  let scraping = true;
  const scraper = (async () => {
    while (scraping) {
      try {
        const response = await fetch(`${server.url}/metrics`);
        const text = await response.text();
        // Before the first collection /metrics holds only the build info: still a good answer.
        if (response.status === 200 && text.includes('powervm_build_info')) scrapes.ok += 1;
        else scrapes.failed += 1;
      } catch {
        scrapes.failed += 1;
      }
      await sleep(SCRAPE_EVERY_MS);
    }
  })();

  const schedule = new FaultSchedule(sim, new SeededRandom(opts.seed), opts.faultRate);
  const started = Date.now();
  let peakRss = 0;
  let cycle = 0;
  progress(
    `${opts.cycles} cycles of 1 s, ${opts.systems} system(s) × ${opts.lpars} LPARs, seed ${opts.seed}`,
  );
  while (cycle < opts.cycles && Date.now() - started < opts.duration * 1000) {
    await sleep(1_000 - ((Date.now() - started) % 1_000));
    cycle += 1;
    schedule.tick(cycle);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (cycle % PROGRESS_EVERY === 0) {
      progress(
        `cycle ${cycle}/${opts.cycles} · faults ${schedule.total} · recoveries ${recoveries(logCounts)} · ` +
          `readings ${formatCount(tally.lparReadings)} · scrapes ${scrapes.ok} (${scrapes.failed} failed) · rss ${formatBytes(peakRss)}`,
      );
    }
  }
  // A few clean cycles at the end, so every system is seen back up before the books are closed.
  schedule.finish();
  await sleep(5_000);
  const finalState = collector.state;
  scraping = false;
  await scraper;
  await collector.shutdown();
  await Promise.all(sinks.map((sink) => sink.shutdown()));
  await server.close();
  await sim.close();
  const deliveredCount = delivered ? await delivered.stop() : undefined;
  await broker?.stop();
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const stats = ceilometer?.stats() ?? [];
  const stat = (metric: string, labels: Record<string, string> = {}) =>
    stats
      .filter((s) => s.metric === metric && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  const allUp = [...finalState.consoles.values()].every(
    (c) => c.up && [...c.systems.values()].every((s) => s.up),
  );
  const rows: string[][] = [
    ['PCM cycles run (1 s each)', formatCount(cycle)],
    ['collection cycles with new readings', formatCount(tally.cycles)],
    ['system samples read', formatCount(tally.systemSamples)],
    ['LPAR readings produced', formatCount(tally.lparReadings)],
    ['faults injected', formatCount(schedule.total)],
    ...[...schedule.injected].sort().map(([label, n]) => [`  ${label}`, formatCount(n)]),
    ['recoveries logged (system recovered, console answering again)', formatCount(recoveries(logCounts))],
    ['warnings logged', formatCount(sum(logCounts, 'warn: '))],
    ['errors logged', formatCount(sum(logCounts, 'error: '))],
    ['everything up at the end', allUp ? 'yes' : 'no'],
    ['/metrics scrapes (every 0.5 s)', formatCount(scrapes.ok + scrapes.failed)],
    ['scrape errors', formatCount(scrapes.failed)],
    ['unhandled promise rejections', formatCount(rejections.length)],
    ['peak RSS (simulator and exporter, one process)', formatBytes(peakRss)],
  ];
  if (deliveredCount !== undefined) {
    const dropped = stat('ceilometerDropped');
    rows.push(
      [
        'Ceilometer samples produced',
        formatCount(stat('ceilometerPublished') + dropped + stat('ceilometerQueue')),
      ],
      ['Ceilometer samples confirmed by RabbitMQ', formatCount(stat('ceilometerPublished'))],
      ['Ceilometer samples counted off the queue', formatCount(deliveredCount)],
      ['Ceilometer samples dropped', formatCount(dropped)],
      ...stats
        .filter((s) => s.metric === 'ceilometerDropped' && s.value > 0)
        .map((s) => [`  ${s.labels['reason'] ?? '?'}`, formatCount(s.value)]),
    );
  }
  const table = { columns: ['measure', 'value'], rows };
  const verdict = rejections.length === 0 && scrapes.failed === 0 && allUp ? PASS : 'FAIL: see the table';
  console.log(`\n${machineSummary(machine)}\n\n${tableAsText(table)}\n\n${verdict}`);
  if (opts.writeDoc) {
    await writeSoakDoc(opts, machine, tableAsMarkdown(table), verdict, deliveredCount !== undefined);
    console.log(`Wrote ${path.relative(process.cwd(), DOC)}`);
  }
  if (verdict === PASS) rmSync(work, { recursive: true, force: true });
  else {
    console.log(`exporter log kept: ${logFile}`);
    process.exitCode = 1;
  }
}

function recoveries(counts: ReadonlyMap<string, number>): number {
  return (counts.get('info: collection recovered') ?? 0) + (counts.get('info: console answering again') ?? 0);
}

function sum(counts: ReadonlyMap<string, number>, prefix: string): number {
  return [...counts].filter(([key]) => key.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
}

async function writeSoakDoc(
  opts: Options,
  machine: ReturnType<typeof describeMachine>,
  table: string,
  verdict: string,
  withCeilometer: boolean,
): Promise<void> {
  const command = `npm run soak -- --cycles ${opts.cycles} --systems ${opts.systems} --lpars ${opts.lpars} --seed ${opts.seed} --fault-rate ${opts.faultRate}${withCeilometer ? '' : ' --no-ceilometer'} --write-doc`;
  const text = [
    '# Soak run',
    '<!-- Generated by `npm run soak -- --write-doc` (bench/soak.ts); edit that file, not this one. -->',
    [
      'The exporter as `serve` composes it (collector, OpenTelemetry sink and `/metrics`, and the Ceilometer',
      'sink publishing to a private RabbitMQ on 127.0.0.1) against the simulator at a 1 s PCM cadence, while',
      'a seeded schedule injects one console fault at a time (see docs/simulator.md) for 2–6 cycles, and',
      '`/metrics` is scraped every 0.5 s. Recoveries are the "collection recovered" and "console answering',
      'again" log lines: one per system or console that came back. Ceilometer samples produced are those the',
      'sink queued; "counted off the queue" are the samples in the notifications a consumer took from',
      "RabbitMQ's `notifications.sample` queue, where Ceilometer would read them.",
      withCeilometer
        ? ''
        : 'This run had no broker (`--no-ceilometer`): readings produced are counted, not samples delivered.',
    ].join(' '),
    `Run with \`${command}\` on ${machineSummary(machine)}.`,
    table,
    `**${verdict}**`,
  ].join('\n\n');
  const config = await resolveConfig(DOC);
  writeFileSync(DOC, await format(`${text}\n`, { ...config, filepath: DOC }));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
