/**
 * Child process: the memory one run of JSON.parse or of parse + inspect needs on one saved workload.
 * Each mode runs in its own process because the RSS high-water mark can only rise.
 * Usage: measure-memory.ts <workload dir> json-parse|parse-inspect
 */
import { collectGarbage, reportToParent } from '../support/child-process.js';
import { parseAndInspect, parseAsPlainJson } from './work.js';
import { loadWorkload, workloadTexts } from './workload.js';

export interface MemoryMeasurement {
  /** RSS once the input text is loaded and collected around: Node itself plus the documents' text. */
  rssBeforeBytes: number;
  /** RSS high-water mark of the whole process, the run included. */
  peakRssBytes: number;
  /** Heap still held, after a full GC, by what the run returned: the parsed documents or the readings. */
  heapHeldBytes: number;
}

const [dir, mode] = process.argv.slice(2);
if (dir === undefined || (mode !== 'json-parse' && mode !== 'parse-inspect')) {
  throw new Error('usage: measure-memory.ts <workload dir> json-parse|parse-inspect');
}
const workload = loadWorkload(dir);
const texts = workloadTexts(workload);
collectGarbage();
const before = process.memoryUsage();
const result = mode === 'json-parse' ? parseAsPlainJson(texts) : parseAndInspect(workload);
collectGarbage();
const after = process.memoryUsage();
const measurement: MemoryMeasurement = {
  rssBeforeBytes: before.rss,
  // maxRSS is in KiB on every platform Node supports.
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  heapHeldBytes: after.heapUsed - before.heapUsed,
};
if (result === undefined) throw new Error('no result');
reportToParent(measurement);
