import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext, BenchModule, BenchReport } from './bench-module.js';
import { generatePcm } from './generate-pcm.js';
import type { MemoryMeasurement } from './inspector/measure-memory.js';
import type { TimeMeasurement } from './inspector/measure-time.js';
import { saveWorkload, workloadTexts } from './inspector/workload.js';
import { runBenchChild } from './support/child-process.js';
import { formatBytes, formatCount, formatMs, formatRatio } from './support/format.js';
import { median, percentile } from './support/stats.js';

/** The target: parse + inspect within twice a plain JSON.parse of the same bytes at 10,000 LPARs. */
const TARGET_RATIO = 2;
const TARGET_LPARS = 10_000;

interface SizePlan {
  lpars: number;
  warmUp: number;
  rounds: number;
}

// Rounds shrink as sizes grow (a round at 10,000 LPARs takes seconds), but stay enough for a median
// and a p90 that a single slow round cannot move much.
const FULL_PLAN: SizePlan[] = [
  { lpars: 10, warmUp: 50, rounds: 201 },
  { lpars: 100, warmUp: 20, rounds: 101 },
  { lpars: 1_000, warmUp: 5, rounds: 31 },
  { lpars: 10_000, warmUp: 2, rounds: 11 },
];
const QUICK_PLAN: SizePlan[] = [
  { lpars: 10, warmUp: 10, rounds: 21 },
  { lpars: 100, warmUp: 5, rounds: 15 },
  { lpars: 1_000, warmUp: 2, rounds: 7 },
];

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MEASURE_TIME = path.join(HERE, 'inspector', 'measure-time.ts');
const MEASURE_MEMORY = path.join(HERE, 'inspector', 'measure-memory.ts');

interface SizeResult {
  plan: SizePlan;
  inputBytes: number;
  jsonParseMs: number[];
  parseInspectMs: number[];
  jsonParseMemory: MemoryMeasurement;
  parseInspectMemory: MemoryMeasurement;
}

export const inspectorBench: BenchModule = {
  name: 'inspector',
  async run(context: BenchContext): Promise<BenchReport> {
    const results: SizeResult[] = [];
    // One size at a time: on a two-core machine, parallel sizes would time each other.
    for (const plan of context.quick ? QUICK_PLAN : FULL_PLAN) results.push(await measureSize(plan, context));
    return report(results, context.quick);
  },
};

async function measureSize(plan: SizePlan, context: BenchContext): Promise<SizeResult> {
  const label = `inspector: ${formatCount(plan.lpars)} LPARs`;
  const started = performance.now();
  const pcm = generatePcm(plan.lpars);
  const inputBytes = workloadTexts(pcm).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'powervm-bench-'));
  try {
    saveWorkload(pcm, dir);
    context.progress(
      `${label}: ${formatBytes(inputBytes)} of documents; timing ${plan.warmUp} warm-up + ${plan.rounds} rounds…`,
    );
    const times = (await runBenchChild(MEASURE_TIME, [
      dir,
      String(plan.warmUp),
      String(plan.rounds),
    ])) as TimeMeasurement;
    const jsonParseMemory = (await runBenchChild(MEASURE_MEMORY, [dir, 'json-parse'])) as MemoryMeasurement;
    const parseInspectMemory = (await runBenchChild(MEASURE_MEMORY, [
      dir,
      'parse-inspect',
    ])) as MemoryMeasurement;
    const ratio = median(times.parseInspectMs) / median(times.jsonParseMs);
    context.progress(
      `${label}: done in ${((performance.now() - started) / 1000).toFixed(0)} s, ratio ${formatRatio(ratio)}`,
    );
    return { plan, inputBytes, ...times, jsonParseMemory, parseInspectMemory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(results: SizeResult[], quick: boolean): BenchReport {
  const spread = (ms: number[]): string => `${formatMs(median(ms))} (${formatMs(percentile(ms, 90))})`;
  return {
    title: 'Inspector: parsing and inspecting one system',
    method: METHOD,
    table: {
      columns: [
        'LPARs',
        'Input',
        'Rounds',
        'JSON.parse ms, median (p90)',
        'parse + inspect ms, median (p90)',
        'Ratio',
        'RSS with input loaded',
        'Peak RSS, JSON.parse',
        'Peak RSS, parse + inspect',
        'Heap held by readings',
      ],
      rows: results.map((result) => [
        formatCount(result.plan.lpars),
        formatBytes(result.inputBytes),
        String(result.plan.rounds),
        spread(result.jsonParseMs),
        spread(result.parseInspectMs),
        formatRatio(median(result.parseInspectMs) / median(result.jsonParseMs)),
        formatBytes(result.parseInspectMemory.rssBeforeBytes),
        formatBytes(result.jsonParseMemory.peakRssBytes),
        formatBytes(result.parseInspectMemory.peakRssBytes),
        formatBytes(result.parseInspectMemory.heapHeldBytes),
      ]),
    },
    verdict: verdict(results, quick),
  };
}

const METHOD = [
  'For each size, bench/generate-pcm.ts writes, from a fixed seed, two consecutive LTM instants (30 s apart)',
  'of one managed system with that many running client LPARs and two VIOSes: per instant the phyp file and',
  'vios_1 and vios_2, six documents in all, pretty-printed like the pypowervm captures and carrying every key',
  'of powervm-pcm.md §7.1–7.2. Each LPAR has 1–3 virtual Ethernet adapters, 1–2 vSCSI and 1–2 vFC pointers',
  '(WWPNs as bare 64-bit integers) that match vhost adapters and NPIV ports in the VIOS files, and every',
  'counter grows between the instants. "JSON.parse" is plain `JSON.parse` of the six texts; "parse + inspect"',
  'is `parsePcmJson` of the same six texts followed by `inspect(current, previous)`, checked once beforehand',
  'to yield every reading (rates, cpu_util, iops for every disk, no issues). Both run in one fresh Node process',
  'per size, interleaved round by round after a warm-up, each round starting from a full GC; the ratio is of',
  'the medians. Memory comes from two further processes per size, one per mode, each doing one run:',
  'the RSS high-water mark (`process.resourceUsage().maxRSS`, Node and the input text included) and the heap',
  'still held, after a full GC, by the readings inspect returned (the parsed documents are garbage by then).',
].join(' ');

function verdict(results: SizeResult[], quick: boolean): string {
  const target = results.find((result) => result.plan.lpars === TARGET_LPARS);
  if (!target || quick) return `Quick run: the ${formatCount(TARGET_LPARS)}-LPAR target was not measured.`;
  const jsonParse = median(target.jsonParseMs);
  const parseInspect = median(target.parseInspectMs);
  const ratio = parseInspect / jsonParse;
  const met = ratio <= TARGET_RATIO;
  return (
    `At ${formatCount(TARGET_LPARS)} LPARs (${formatBytes(target.inputBytes)} of documents), parse + inspect ` +
    `takes ${formatMs(parseInspect)} ms against ${formatMs(jsonParse)} ms for JSON.parse of the same bytes: ` +
    `${formatRatio(ratio)}, so the target of at most ${formatRatio(TARGET_RATIO)} is ` +
    `${met ? 'met' : 'not met'}.`
  );
}
