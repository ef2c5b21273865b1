/**
 * Child process: times JSON.parse against parse + inspect on one saved workload.
 * Usage: measure-time.ts <workload dir> <warm-up rounds> <timed rounds>
 */
import { collectGarbage, reportToParent } from '../support/child-process.js';
import { checkReadings, parseAndInspect, parseAsPlainJson } from './work.js';
import { loadWorkload, workloadTexts } from './workload.js';

export interface TimeMeasurement {
  jsonParseMs: number[];
  parseInspectMs: number[];
}

const [dir, warmUpArg, roundsArg] = process.argv.slice(2);
if (dir === undefined || warmUpArg === undefined || roundsArg === undefined) {
  throw new Error('usage: measure-time.ts <workload dir> <warm-up rounds> <timed rounds>');
}
const workload = loadWorkload(dir);
const texts = workloadTexts(workload);
checkReadings(parseAndInspect(workload), workload.expected);

// Keeps each result reachable until the next collection, so no work can be optimised away.
let lastResult: unknown;
const timed = (work: () => unknown): number => {
  collectGarbage();
  const start = performance.now();
  lastResult = work();
  return performance.now() - start;
};
const jsonParse = (): unknown => parseAsPlainJson(texts);
const parseInspect = (): unknown => parseAndInspect(workload);

const measurement: TimeMeasurement = { jsonParseMs: [], parseInspectMs: [] };
const warmUp = Number(warmUpArg);
for (let round = 0; round < warmUp + Number(roundsArg); round++) {
  // Interleaved, and alternating which goes first, so drift in machine load hits both alike.
  const [first, second] = round % 2 === 0 ? [jsonParse, parseInspect] : [parseInspect, jsonParse];
  const firstMs = timed(first);
  const secondMs = timed(second);
  if (round < warmUp) continue;
  measurement.jsonParseMs.push(first === jsonParse ? firstMs : secondMs);
  measurement.parseInspectMs.push(first === jsonParse ? secondMs : firstMs);
}
if (lastResult === undefined) throw new Error('no result');
reportToParent(measurement);
