/**
 * The contract between bench/run.ts and each benchmark. A benchmark is a module that measures one
 * thing and returns its figures as a table plus two paragraphs for docs/benchmarks.md; the runner
 * prints and records them. Adding a benchmark is a new module plus one line in run.ts.
 */

export interface BenchTable {
  columns: string[];
  rows: string[][];
}

export interface BenchReport {
  title: string;
  /** What is measured and how, for readers of docs/benchmarks.md. */
  method: string;
  table: BenchTable;
  /** Whether the benchmark's target is met, and by how much. */
  verdict: string;
}

export interface BenchContext {
  /** Smaller sizes and fewer iterations: a smoke run while editing, not figures worth recording. */
  quick: boolean;
  /** One line of progress, for work that takes a while. */
  progress(line: string): void;
}

export interface BenchModule {
  /** Short name, used in progress lines and by `--only`. */
  name: string;
  run(context: BenchContext): Promise<BenchReport>;
}
