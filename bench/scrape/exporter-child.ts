/**
 * Child process: the exporter as `serve` composes it (collector → ThreadedOtelSink → HTTP server on
 * 127.0.0.1, port chosen by the OS) polling the simulator child, measured while it runs.
 *
 * 1. Waits until every system has readings.
 * 2. CPU per sample interval with the sink unplugged: polling, parsing and inspecting alone.
 * 3. The sink plugged in: CPU per sample interval of the whole exporter, renderings included.
 * 4. Tells the parent where to scrape, keeps collecting while it does, until the parent says go.
 * 5. Stops the collector and checks the last rendering: series, bytes, nothing lost.
 * 6. Times the rendering of that last state (measureRender) against prom-client's of the same series.
 *
 * Usage: exporter-child.ts <simulator url> <systems> <sample interval s> <intervals> <render runs>
 */
import type {
  Collector as CollectorClass,
  CollectorState,
  ConsoleTarget,
  Cycle,
} from '../../src/collector/index.js';
import type { Sink } from '../../src/sinks/index.js';
import type { RenderInput } from '../../src/sinks/otel/render-input.js';
import { fromParent, tellParent } from './ipc.js';
import { PromClientBaseline, seriesImplied, seriesIn } from './prom-client-baseline.js';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import {
  Collector,
  createExporterServer,
  EXPOSITION_GZIP_OPTIONS,
  expositionText,
  measureRender,
  ThreadedOtelSink,
  PCM_CADENCE_MS,
  SERVE_RENDERING,
  tightenHeapGrowth,
} from './product.js';

export interface ExporterMeasurement {
  secondsToFirstReadings: number;
  /** LPARs with readings, over all systems (never-activated partitions have none). */
  lparsWithReadings: number;
  /** Process CPU ms per sample interval, one value per interval measured. */
  collectOnlyCpuMs: number[];
  exporterCpuMs: number[];
  /** Cycles the collector handed the sink per sample interval (heartbeats included). */
  cyclesPerInterval: number;
  /** RSS high-water mark over the whole run (under tsx). */
  peakRssBytes: number;
  series: { implied: number; otel: number; promClient: number; lparInfo: number; overflow: boolean };
  bytes: { otel: number; otelGzip: number; promClient: number };
  otelRender: { cpuMs: number; wallMs: number };
  /** Compressing the rendering once, as the sink does after each one (on libuv's threads). */
  gzipCpuMs: number;
  promClientRenderCpuMs: number[];
  promClientCycleCpuMs: number[];
  promClientCycleWallMs: number[];
}

const [simulatorUrl, systemsArg, intervalArg, intervalsArg, runsArg] = process.argv.slice(2);
if (runsArg === undefined || simulatorUrl === undefined) {
  throw new Error(
    'usage: exporter-child.ts <simulator url> <systems> <sample interval s> <intervals> <render runs>',
  );
}
const systems = Number(systemsArg);
const intervalMs = Number(intervalArg) * 1000;
const intervals = Number(intervalsArg);
const renderRuns = Number(runsArg);
const progress = (line: string): void => tellParent({ type: 'progress', line });
// maxRSS is in KiB on every platform Node supports.
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// --- the exporter, as serve composes it, with a switch between the collector and the sink ---
// As serve does before anything else: V8 keeps every heap close to its live size.
tightenHeapGrowth();
// serve's rendering policy, scaled to the simulator's cadence when it runs faster (--quick).
const scaled = (ms: number): number => (ms * intervalMs) / PCM_CADENCE_MS;
const otel = new ThreadedOtelSink({
  minRenderIntervalMs: scaled(SERVE_RENDERING.minRenderIntervalMs),
  settleMs: scaled(SERVE_RENDERING.settleMs),
  quietRenderEveryMs: scaled(SERVE_RENDERING.quietRenderEveryMs),
});
let plugged = false;
let cyclesToSink = 0;
/** The oldest newest-sample time over all systems, once every system has readings. */
let generation: number | undefined;
/** The time of the cycle that completed the newest generation. */
let generationCycleTime = 0;
let generationChanged: (() => void) | undefined;
const gate: Sink = {
  name: 'bench-gate',
  publish(cycle: Cycle) {
    if (plugged) {
      otel.publish(cycle);
      cyclesToSink += 1;
    }
    const complete = completeGeneration(cycle.state);
    if (complete !== undefined && (generation === undefined || complete > generation)) {
      generation = complete;
      generationCycleTime = cycle.time;
      generationChanged?.();
    }
  },
  // The sink is stopped after its last rendering (step 5), not with the collector.
  shutdown: () => Promise.resolve(),
  // The sink's own health goes into every cycle, as when the collector holds the sink itself.
  stats: () => otel.stats(),
};

function completeGeneration(state: CollectorState): number | undefined {
  const times: number[] = [];
  for (const console of state.consoles.values()) {
    for (const system of console.systems.values()) {
      if (system.readings === undefined || system.sampleTime === undefined) return undefined;
      times.push(system.sampleTime);
    }
  }
  return times.length === systems ? Math.min(...times) : undefined;
}

const nextGeneration = (): Promise<number> =>
  new Promise((resolve) => {
    generationChanged = () => {
      generationChanged = undefined;
      resolve(generation!);
    };
  });

const target: ConsoleTarget = {
  connection: { name: 'simulator', url: simulatorUrl, user: 'hscroot', password: 'abc123' },
  includeSystem: () => true,
  includeLpar: () => true,
  pcmAutoEnable: false,
  concurrency: 4,
};
// serve's defaults (30 s cadence, 15 s heartbeat) unless the simulator runs faster (--quick).
const schedule = intervalMs === 30_000 ? {} : { schedule: { intervalMs, settleMs: intervalMs / 5 } };
const collector: CollectorClass = new Collector({ targets: [target], sinks: [gate], ...schedule });
const server = await createExporterServer({ host: '127.0.0.1', port: 0, sink: otel });
const started = performance.now();
collector.start();

// 1. Every system read once.
while (generation === undefined) await nextGeneration();
const secondsToFirstReadings = (performance.now() - started) / 1000;
progress(`every system has readings after ${secondsToFirstReadings.toFixed(0)} s`);

interface IntervalCpu {
  /** Process CPU ms per sample interval, one value per interval measured. */
  cpuMs: number[];
  /** Cycles the collector handed the sink per sample interval (heartbeats included). */
  cyclesPerInterval: number;
}

/** CPU over the next `intervals` sample intervals, each ending when `settled` resolves. */
async function cpuPerInterval(label: string, settled: () => Promise<void>): Promise<IntervalCpu> {
  let from = await nextGeneration();
  await settled();
  let cpuFrom = cpuMs();
  const [firstGeneration, firstCycles] = [from, cyclesToSink];
  const perInterval: number[] = [];
  while (perInterval.length < intervals) {
    const to = await nextGeneration();
    await settled();
    const cpuTo = cpuMs();
    // A sample the collector missed makes one step span two intervals.
    perInterval.push((cpuTo - cpuFrom) / Math.max(1, Math.round((to - from) / intervalMs)));
    const at = new Date(to).toISOString().slice(11, 19);
    progress(`${label}: ${(cpuTo - cpuFrom).toFixed(0)} ms CPU up to the sample of ${at}`);
    [from, cpuFrom] = [to, cpuTo];
  }
  const spanned = Math.max(1, Math.round((from - firstGeneration) / intervalMs));
  return { cpuMs: perInterval, cyclesPerInterval: (cyclesToSink - firstCycles) / spanned };
}

// 2. Polling, parsing and inspecting alone.
const collectOnly = await cpuPerInterval('collector alone', async () => {});

// 3. The whole exporter: each step ends once the sink has rendered the new sample. (Not whenIdle:
// with renderings throttled, cycles keep arriving while one waits, so the sink is seldom idle.)
plugged = true;
const exporter = await cpuPerInterval('collector and sink', async () => {
  const target = generationCycleTime;
  while ((otel.renderedTime ?? -Infinity) < target) await new Promise((resolve) => setTimeout(resolve, 100));
});

// 4. Scraped by the parent while collecting goes on.
progress(`peak RSS so far ${(maxRss() / 1048576).toFixed(0)} MiB`);
tellParent({ type: 'listening', url: server.url });
await fromParent('go');
const peakRssBytes = maxRss();
progress(`peak RSS after scrapes ${(peakRssBytes / 1048576).toFixed(0)} MiB`);

// 5. The last state, rendered by the sink, checked against what it implies.
await collector.shutdown();
await server.close();
// The newest cycle may still wait out the rendering throttle: the check needs it rendered.
await otel.whenIdle();
await otel.shutdown();
const input: RenderInput = otel.current;
const exposition = await otel.compressedExposition();
const text = expositionText(exposition);
const plain = Buffer.from(text);
let lparsWithReadings = 0;
for (const console of input.state.consoles.values()) {
  for (const system of console.systems.values()) lparsWithReadings += system.readings?.lpars.length ?? 0;
}
const lparInfo = text.split('\n').filter((line) => line.startsWith('powervm_lpar_info{')).length;

// 6. Rendering CPU: ours (measureRender) between two halves of prom-client's rounds.
progress(
  `rendering ${seriesIn(text).toLocaleString('en-US')} series: OpenTelemetry sink and prom-client, ${renderRuns} rounds each…`,
);
const baseline = new PromClientBaseline(input);
baseline.setAll(input);
const promText = await baseline.render();
const promClientRenderCpuMs: number[] = [];
const promClientCycleCpuMs: number[] = [];
const promClientCycleWallMs: number[] = [];
const promRounds = async (rounds: number): Promise<void> => {
  for (let round = 0; round < rounds; round++) {
    const start = cpuMs();
    const wallStart = performance.now();
    baseline.setAll(input);
    const rendering = cpuMs();
    await baseline.render();
    const end = cpuMs();
    promClientCycleWallMs.push(performance.now() - wallStart);
    promClientRenderCpuMs.push(end - rendering);
    promClientCycleCpuMs.push(end - start);
  }
};
await promRounds(Math.ceil(renderRuns / 2));
const otelRender = await measureRender(input.state, renderRuns, input.time);
await promRounds(Math.floor(renderRuns / 2) + 1);
const gzipStart = cpuMs();
await promisify(gzip)(plain, EXPOSITION_GZIP_OPTIONS);
const gzipCpuMs = cpuMs() - gzipStart;

const measurement: ExporterMeasurement = {
  secondsToFirstReadings,
  lparsWithReadings,
  collectOnlyCpuMs: collectOnly.cpuMs,
  exporterCpuMs: exporter.cpuMs,
  cyclesPerInterval: exporter.cyclesPerInterval,
  peakRssBytes,
  series: {
    implied: seriesImplied(input),
    otel: seriesIn(text),
    promClient: seriesIn(promText),
    lparInfo,
    overflow: text.includes('otel_metric_overflow'),
  },
  bytes: {
    otel: plain.length,
    otelGzip: exposition.gzip.length,
    promClient: Buffer.byteLength(promText),
  },
  otelRender: { cpuMs: otelRender.cpuMs, wallMs: otelRender.wallMs },
  gzipCpuMs,
  promClientRenderCpuMs,
  promClientCycleCpuMs,
  promClientCycleWallMs,
};
// measureRender renders a state alone, without the sinks' reports about themselves.
const sinkSeries = input.sinks?.length ?? 0;
if (otelRender.series !== measurement.series.otel - sinkSeries) {
  throw new Error(
    `measureRender saw ${otelRender.series} series, the sink rendered ${measurement.series.otel} ` +
      `(${sinkSeries} of them the sinks' own)`,
  );
}
progress(
  `series: ${JSON.stringify(measurement.series)}, ${lparsWithReadings} LPARs with readings; ` +
    `OpenTelemetry render ${otelRender.cpuMs.toFixed(0)} ms CPU`,
);
tellParent({ type: 'result', result: measurement });
process.disconnect();
