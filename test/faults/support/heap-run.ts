/**
 * Child process of memory.test.ts: the exporter as serve composes it (collector → OtelSink → HTTP
 * server) against the simulator, both on a virtual clock that jumps to the next wake-up as soon as
 * every poll loop sleeps, so a 30 s PCM cycle takes only as long as its HTTP round trips.
 * Prints one JSON line: heapUsed after a full collection at each checkpoint (in cycles).
 * Usage: node --expose-gc --import tsx heap-run.ts <systems> <cycles...>
 */
import { Collector, type Cycle, type Timing } from '../../../src/collector/index.js';
import type { Sink } from '../../../src/sinks/index.js';
import { createExporterServer, OtelSink } from '../../../src/sinks/otel/index.js';
import { startSimulator } from '../../../src/simulator/index.js';

const [systemsArg, ...checkpointArgs] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || checkpointArgs.length === 0) {
  throw new Error('usage: node --expose-gc --import tsx heap-run.ts <systems> <cycles...>');
}
const systems = Number(systemsArg);
const checkpoints = checkpointArgs.map(Number).sort((a, b) => a - b);

/**
 * Time that passes only while everybody sleeps: once all `loops` poll loops (discovery plus one per
 * system) wait, the clock jumps to the earliest wake-up. An awake loop's HTTP exchange therefore
 * takes no virtual time, and no sample expires in mid-poll however slow the machine is.
 */
class VirtualTime implements Timing {
  private time = Date.UTC(2026, 0, 1);
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(private readonly loops: number) {}

  now = (): number => this.time;
  random = (): number => 0.5;

  sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const sleeper = {
        at: this.time + ms,
        wake: () => {
          signal.removeEventListener('abort', sleeper.wake);
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
      };
      signal.addEventListener('abort', sleeper.wake, { once: true });
      this.sleepers.push(sleeper);
      setImmediate(() => this.advance());
    });

  private advance(): void {
    if (this.sleepers.length < this.loops) return;
    const next = Math.min(...this.sleepers.map((s) => s.at));
    this.time = Math.max(this.time, next);
    for (const sleeper of this.sleepers.filter((s) => s.at <= this.time)) sleeper.wake();
  }
}

/** Counts the cycles that brought new readings; keeps nothing. */
class CycleCounter implements Sink {
  readonly name = 'counter';
  cycles = 0;
  private waiter: { at: number; resolve: () => void } | undefined;

  publish(cycle: Cycle): void {
    if (cycle.fresh.length === 0) return;
    this.cycles += 1;
    if (this.waiter && this.cycles >= this.waiter.at) this.waiter.resolve();
  }

  reached(at: number): Promise<void> {
    if (this.cycles >= at) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { at, resolve }));
  }

  async shutdown(): Promise<void> {}
}

const time = new VirtualTime(systems + 1);
// A small document cache: the simulator shares this heap, and its cache must be full before the first checkpoint.
const sim = await startSimulator({
  systems,
  lpars: 4,
  vios: 1,
  retentionMinutes: 2,
  cacheChars: 1_000_000,
  clock: time.now,
});
const otel = new OtelSink({ now: time.now });
const counter = new CycleCounter();
const server = await createExporterServer({ host: '127.0.0.1', port: 0, sink: otel });
const collector = new Collector({
  targets: [
    {
      connection: { name: 'sim', url: sim.url, user: 'hscroot', password: 'abc123' },
      includeSystem: () => true,
      includeLpar: () => true,
      pcmAutoEnable: false,
      concurrency: 4,
    },
  ],
  sinks: [otel, counter],
  timing: time,
  coalesceMs: 1,
});
collector.start();

const heap: Record<number, number> = {};
for (const at of checkpoints) {
  await counter.reached(at);
  // A scrape per checkpoint, as Prometheus would, so the HTTP path is part of what is measured.
  await (await fetch(`${server.url}/metrics`)).text();
  gc();
  gc();
  heap[at] = process.memoryUsage().heapUsed;
}
await collector.shutdown();
await Promise.all([otel.shutdown(), server.close(), sim.close()]);
process.stdout.write(`${JSON.stringify({ heap, cycles: counter.cycles })}\n`);
