/**
 * Runs every benchmark and prints its table; `--write-doc` also rewrites docs/benchmarks.md (with
 * `--only`, just that bench's section), `--quick` runs small sizes only (for checking a change, not
 * for recording), `--only <name>` one bench.
 * Usage: npm run bench [-- --write-doc] [-- --quick] [-- --only inspector]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchModule, BenchReport } from './bench-module.js';
import { ceilometerBench } from './ceilometer/ceilometer.bench.js';
import { inspectorBench } from './inspector.bench.js';
import { scrapeBench } from './scrape.bench.js';
import { writeBenchmarksDoc } from './support/benchmarks-doc.js';
import { describeMachine, machineSummary } from './support/machine.js';
import { tableAsText } from './support/table.js';

/** Every benchmark, in the order they run and appear in docs/benchmarks.md. */
const BENCHES: readonly BenchModule[] = [inspectorBench, scrapeBench, ceilometerBench];

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'write-doc': { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  if (values['write-doc'] && values.quick) {
    throw new Error('--write-doc records figures at full size: drop --quick');
  }
  const benches = values.only ? BENCHES.filter((bench) => bench.name === values.only) : BENCHES;
  if (benches.length === 0)
    throw new Error(`no bench named ${values.only}: ${BENCHES.map((b) => b.name).join(', ')}`);

  const machine = describeMachine();
  console.log(machineSummary(machine));
  const progress = (line: string): void =>
    console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  const reports: BenchReport[] = [];
  for (const bench of benches) {
    const report = await bench.run({ quick: values.quick, progress });
    reports.push(report);
    console.log(`\n${report.title}\n\n${tableAsText(report.table)}\n\n${report.verdict}`);
  }
  if (values['write-doc']) {
    await writeBenchmarksDoc(DOC, reports, machine, values.only !== undefined);
    console.log(`\nWrote ${path.relative(process.cwd(), DOC)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
