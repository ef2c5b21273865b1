import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchModule, BenchReport } from './bench-module.js';
import type { ExporterMeasurement } from './scrape/exporter-child.js';
import { BenchChild } from './scrape/ipc.js';
import { measureServeMemory, type ServeMemory } from './scrape/serve-rss.js';
import { fetchBodies, serveStatic } from './scrape/static-server.js';
import { scrapeWithWrk, type LoadResult } from './scrape/wrk.js';
import { formatBytes, formatCount, formatMs, formatRatio } from './support/format.js';
import { median } from './support/stats.js';

/** The issue's targets, all at 10 systems × 1,000 LPARs. */
const TARGETS = {
  lpars: 10_000,
  scrapeP99Ms: 100,
  scrapers: 10,
  renderCpuRatio: 2,
  rssBytes: 500 * 1024 * 1024,
};

interface EstatePlan {
  systems: number;
  lparsPerSystem: number;
  /** The simulator's sample interval, which the collector follows. */
  intervalSeconds: number;
  /** Sample intervals over which CPU is measured, per phase. */
  intervals: number;
  /** Seconds of scraping per concurrency. */
  scrapeSeconds: number;
  renderRuns: number;
}

interface ScrapeRun {
  connections: number;
  /** Send `Accept-Encoding: gzip`, as Prometheus does with every scrape. */
  gzip: boolean;
}

/** As Prometheus scrapes (gzip) with one and ten scrapers, then ten clients that do not compress. */
const SCRAPE_RUNS: readonly ScrapeRun[] = [
  { connections: 1, gzip: true },
  { connections: TARGETS.scrapers, gzip: true },
  { connections: TARGETS.scrapers, gzip: false },
];
const runLabel = ({ connections, gzip }: ScrapeRun): string =>
  `${connections} scraper${connections === 1 ? '' : 's'}${gzip ? ', gzip' : ', no compression'}`;

// The console's real cadence (30 s): the collector runs with serve's defaults, heartbeat included.
const FULL_PLAN: EstatePlan[] = [
  { systems: 1, lparsPerSystem: 1_000, intervalSeconds: 30, intervals: 3, scrapeSeconds: 15, renderRuns: 7 },
  { systems: 10, lparsPerSystem: 1_000, intervalSeconds: 30, intervals: 3, scrapeSeconds: 15, renderRuns: 5 },
];
const QUICK_PLAN: EstatePlan[] = [
  { systems: 2, lparsPerSystem: 100, intervalSeconds: 5, intervals: 1, scrapeSeconds: 3, renderRuns: 3 },
];

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SIMULATOR = path.join(HERE, 'scrape', 'simulator-child.ts');
const EXPORTER = path.join(HERE, 'scrape', 'exporter-child.ts');

interface ScrapeResult {
  run: ScrapeRun;
  /** The exporter's /metrics. */
  load: LoadResult;
  /** A static server writing the same bytes, in the same conditions: the floor. */
  floor: LoadResult;
}

interface EstateResult {
  plan: EstatePlan;
  scrapes: ScrapeResult[];
  serve: ServeMemory;
  exporter: ExporterMeasurement;
}

export const scrapeBench: BenchModule = {
  name: 'scrape',
  async run(context: BenchContext): Promise<BenchReport> {
    const results: EstateResult[] = [];
    for (const plan of context.quick ? QUICK_PLAN : FULL_PLAN)
      results.push(await measureEstate(plan, context));
    return report(results, context.quick);
  },
};

const lparsOf = (plan: EstatePlan): number => plan.systems * plan.lparsPerSystem;

/** Median / p99 in ms (scrapes); no p99 to speak of when nothing finished. */
const latency = (load: LoadResult): string =>
  load.scrapes === 0
    ? 'none finished'
    : `${formatMs(load.p50Ms)} / ${formatMs(load.p99Ms)} (${formatCount(load.scrapes)})`;

async function measureEstate(plan: EstatePlan, context: BenchContext): Promise<EstateResult> {
  const label = `scrape: ${plan.systems} × ${formatCount(plan.lparsPerSystem)} LPARs`;
  const progress = (line: string): void => context.progress(`${label}: ${line}`);
  const started = performance.now();
  const simulator = new BenchChild(
    SIMULATOR,
    [plan.systems, plan.lparsPerSystem, plan.intervalSeconds].map(String),
    progress,
  );
  let exporter: BenchChild | undefined;
  try {
    const { url: simulatorUrl } = await simulator.next('listening');
    progress(
      `simulator up; exporter collecting every ${plan.intervalSeconds} s, CPU over ${plan.intervals} intervals…`,
    );
    exporter = new BenchChild(
      EXPORTER,
      [simulatorUrl, ...[plan.systems, plan.intervalSeconds, plan.intervals, plan.renderRuns].map(String)],
      progress,
    );
    const { url } = await exporter.next('listening');
    const scrapes: ScrapeResult[] = [];
    const floorServer = await serveStatic(await fetchBodies(`${url}/metrics`));
    try {
      for (const run of SCRAPE_RUNS) {
        const load = async (base: string): Promise<LoadResult> => {
          const options = {
            url: `${base}/metrics`,
            connections: run.connections,
            seconds: plan.scrapeSeconds,
            headers: { 'Accept-Encoding': run.gzip ? 'gzip' : 'identity' },
          };
          const result = await scrapeWithWrk(options, availableParallelism());
          if (result.errors > 0) throw new Error(`${label}: ${result.errors} scrapes of ${base} failed`);
          return result;
        };
        progress(`${runLabel(run)} for ${plan.scrapeSeconds} s, then a static server of the same bytes…`);
        const result = { run, load: await load(url), floor: await load(floorServer.url) };
        progress(`${runLabel(run)}: ${latency(result.load)} ms, static ${latency(result.floor)} ms`);
        scrapes.push(result);
      }
    } finally {
      await floorServer.close();
    }
    exporter.send({ type: 'go' });
    const result = (await exporter.next('result')).result as ExporterMeasurement;
    await exporter.stop();
    const serveSeconds = plan.intervalSeconds * (plan.intervals + 2);
    progress(`powervm-exporter serve (dist/, plain Node) polling for ${serveSeconds} s, for its memory…`);
    const serve = await measureServeMemory(simulatorUrl, serveSeconds);
    progress(`serve: peak RSS ${formatBytes(serve.peakRssBytes)}, ${serve.scrapes} scrapes`);
    progress(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return { plan, scrapes, serve, exporter: result };
  } finally {
    await exporter?.stop();
    await simulator.stop();
  }
}

function report(results: EstateResult[], quick: boolean): BenchReport {
  const rows = results.map((result) => {
    const { exporter, plan } = result;
    const promRender = median(exporter.promClientRenderCpuMs);
    const promCycle = median(exporter.promClientCycleCpuMs);
    return [
      `${plan.systems} × ${formatCount(plan.lparsPerSystem)}`,
      formatCount(exporter.lparsWithReadings),
      `${formatCount(exporter.series.otel)}${lostSeries(exporter) ? ' (lost!)' : ''}`,
      `${formatBytes(exporter.bytes.otel)} (${formatBytes(exporter.bytes.otelGzip)})`,
      formatMs(exporter.gzipCpuMs),
      ...result.scrapes.map(({ load, floor }) => `${latency(load)}; static ${latency(floor)}`),
      formatBytes(result.serve.peakRssBytes),
      formatBytes(median(result.serve.rssSamplesBytes)),
      formatBytes(exporter.peakRssBytes),
      formatMs(median(exporter.collectOnlyCpuMs)),
      `${formatMs(median(exporter.exporterCpuMs))} (${exporter.cyclesPerInterval.toFixed(1)})`,
      formatMs(exporter.otelRender.cpuMs),
      formatMs(promRender),
      formatMs(promCycle),
      `${formatRatio(exporter.otelRender.cpuMs / promRender)} / ${formatRatio(exporter.otelRender.cpuMs / promCycle)}`,
    ];
  });
  return {
    title: 'Scrape: the exporter serving a simulated estate',
    method: METHOD,
    table: {
      columns: [
        'Systems × LPARs',
        'LPARs with readings',
        'Series',
        'Exposition (gzip)',
        'gzip CPU ms',
        ...SCRAPE_RUNS.map((run) => `${runLabel(run)}: ms p50 / p99 (scrapes); static server, same bytes`),
        'serve: peak RSS',
        'serve: median RSS',
        'Peak RSS, bench child under tsx',
        'CPU ms per sample interval: collector alone',
        'CPU ms per sample interval: whole exporter (cycles)',
        'Render CPU ms',
        'prom-client CPU ms: metrics()',
        'prom-client CPU ms: set all + metrics()',
        'Render ÷ prom-client: metrics() / set all + metrics()',
      ],
      rows,
    },
    verdict: verdict(results, quick),
  };
}

function lostSeries(exporter: ExporterMeasurement): boolean {
  const { series } = exporter;
  return (
    series.overflow ||
    series.otel !== series.implied ||
    series.promClient !== series.implied ||
    series.lparInfo !== exporter.lparsWithReadings
  );
}

const METHOD = [
  'For each estate, the simulator (`startSimulator`, seed 1, two VIOSes per system, a sample every 30 s) runs',
  'in one child process and the exporter in another, composed as `serve` composes it: a `Collector` with',
  "serve's schedule (30 s cadence, 15 s heartbeat) feeding a `ThreadedOtelSink`, which, as serve's does,",
  'renders on a worker thread (news once 3 s pass without more, at most every 20 s; cycles in which only',
  "time passed at most once a minute) and gzips each rendering once (level 1, on libuv's",
  'threads; "gzip CPU" is that for the last one), and whose last rendering',
  '`createExporterServer` serves on 127.0.0.1. Once every system has readings, the exporter process measures',
  'its CPU (`process.cpuUsage`, garbage collection included) per sample interval, from one sample of every',
  'system to the next, first with the sink unplugged (polling, parsing and inspecting alone), then with it',
  '(the whole exporter: renderings of the data cycle and of the heartbeat cycles, counted in brackets);',
  'medians over three intervals. Then /metrics is scraped with wrk 4 (in C; autocannon, in JavaScript,',
  'needed about 90 ms to receive a 5 MiB body even from a server that only writes a fixed buffer, so it',
  'measured itself) for 15 s per run while collecting goes on: sending `Accept-Encoding: gzip` as',
  'Prometheus does, with one connection and then ten, then ten connections that ask for no compression',
  '(HTTP/1.1 keep-alive, each connection asking again as soon as a response ends; latency to the end of the',
  'body). Each run is repeated at once against a static server in the bench process that writes the',
  "exporter's own rendering (the same bytes, fetched just before) and does nothing else: the floor this",
  'machine, its load and the client put under any scrape latency. Then the',
  'collector stops and its last state is rendered: "Render CPU" is `measureRender` on it (median of five or seven runs after one',
  'warm-up); prom-client 15 renders the same series (same names, help and label names, values from the',
  "sink's own walk of the state and the sinks' reports about themselves) from long-lived Gauges and",
  'Counters: `registry.metrics()` alone, and',
  '`resetMetrics()` + setting every series + `metrics()`, a full prom-client cycle, in rounds before and after',
  "ours (which renders the state without the sinks' one series about themselves); medians. Series are",
  "the exposition's non-comment lines; a series counts as lost unless the sink's",
  "count equals both the number of observations the state implies and prom-client's count, with no",
  '`otel_metric_overflow` series and one `powervm_lpar_info` per LPAR with readings (never-activated',
  'partitions have none). Last, the exporter child stops and `powervm-exporter serve` itself, from dist/',
  'under plain Node as it ships (rendering on its worker thread, heap growth held as serve holds it),',
  'polls the same simulator for five sample intervals, scraped with gzip every 15 s: "serve: peak RSS" is',
  'its high-water mark (`VmHWM`), "serve: median RSS" the median of `VmRSS` every second. The exporter',
  "child's own peak RSS also holds the tsx loader it runs under.",
].join(' ');

function verdict(results: EstateResult[], quick: boolean): string {
  const target = results.find((result) => lparsOf(result.plan) === TARGETS.lpars);
  if (!target || quick) return `Quick run: the ${formatCount(TARGETS.lpars)}-LPAR targets were not measured.`;
  const { exporter } = target;
  const { load, floor } = target.scrapes.find((s) => s.run.connections === TARGETS.scrapers && s.run.gzip)!;
  const p99 = load.scrapes === 0 ? Infinity : load.p99Ms;
  const promRender = median(exporter.promClientRenderCpuMs);
  const promCycle = median(exporter.promClientCycleCpuMs);
  const ratio = exporter.otelRender.cpuMs / promRender;
  const lost = lostSeries(exporter);
  const met = (ok: boolean): string => (ok ? 'met' : 'not met');
  return [
    `At ${target.plan.systems} × ${formatCount(target.plan.lparsPerSystem)} LPARs`,
    `(${formatCount(exporter.series.otel)} series, ${formatBytes(exporter.bytes.otel)}):`,
    `scrape p99 with ${TARGETS.scrapers} concurrent scrapers (gzip, as Prometheus asks)`,
    `${p99 === Infinity ? `none finished in ${target.plan.scrapeSeconds} s` : `${formatMs(p99)} ms`} against under`,
    `${TARGETS.scrapeP99Ms} ms, ${met(p99 < TARGETS.scrapeP99Ms)} (a static server writing the same bytes: ${formatMs(floor.p99Ms)} ms);`,
    `render CPU ${formatMs(exporter.otelRender.cpuMs)} ms against ${formatMs(promRender)} ms for prom-client's`,
    `metrics() alone, ${formatRatio(ratio)} against at most ${formatRatio(TARGETS.renderCpuRatio)},`,
    `${met(ratio <= TARGETS.renderCpuRatio)} (against its full cycle of ${formatMs(promCycle)} ms,`,
    `${formatRatio(exporter.otelRender.cpuMs / promCycle)});`,
    `peak RSS of powervm-exporter serve ${formatBytes(target.serve.peakRssBytes)} against under 500 MiB,`,
    `${met(target.serve.peakRssBytes < TARGETS.rssBytes)};`,
    `no series lost to the cardinality cap, ${met(!lost)}.`,
  ].join(' ');
}
