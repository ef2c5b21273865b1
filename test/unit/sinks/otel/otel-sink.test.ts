import { gunzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { CollectorState } from '../../../../src/collector/index.js';
import {
  OtelSink,
  ThreadedOtelSink,
  type ThreadedOtelSinkOptions,
} from '../../../../src/sinks/otel/index.js';
import { parseExposition, samplesOf } from './support/exposition.js';
import { lpar, readings } from './support/readings.js';
import { console, oneSystem, SAMPLE_TIME, state, system } from './support/states.js';

const cycle = (s: CollectorState, time = SAMPLE_TIME) => ({ time, state: s, fresh: [], sinks: [] });
/** A cycle whose readings are all new, as the collector hands on fresh samples. */
const newsCycle = (s: CollectorState, time = SAMPLE_TIME) => ({
  ...cycle(s, time),
  fresh: [...s.consoles.values()].flatMap((c) =>
    [...c.systems.values()].flatMap((sys) =>
      sys.readings ? [{ console: c.name, system: sys.name, readings: sys.readings }] : [],
    ),
  ),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An LPAR reading whose memory_actual throws when read: a metric callback, or a copy, fails on it. */
function lparWithBrokenMemory(name: string) {
  const broken = lpar(name);
  Object.defineProperty(broken, 'memory_actual', {
    get() {
      throw new Error('bad reading');
    },
  });
  return broken;
}
type AnySink = OtelSink | ThreadedOtelSink;
const lparNames = async (sink: AnySink) =>
  samplesOf(parseExposition(await sink.exposition()), 'powervm_lpar_info').map((s) => s.labels['lpar']);

/** Both sinks keep the same contract; the threaded one renders on a worker thread. */
describe.each([
  ['OtelSink', (options?: ThreadedOtelSinkOptions): AnySink => new OtelSink(options)],
  ['ThreadedOtelSink', (options?: ThreadedOtelSinkOptions): AnySink => new ThreadedOtelSink(options)],
])('%s', (_name, newSink) => {
  it('renders at most once per minRenderIntervalMs, with the newest state, and shuts down without waiting it out', async () => {
    const sink = newSink({ minRenderIntervalMs: 60_000 });
    await sink.whenIdle(); // the start-up rendering of the empty state does not count
    sink.publish(cycle(oneSystem(readings({ lpars: [lpar('lpar1')] }))));
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar1']); // the first real cycle renders at once
    sink.publish(cycle(oneSystem(readings({ lpars: [lpar('lpar2')] }))));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await lparNames(sink)).toEqual(['lpar1']); // the next waits out the interval
    const started = Date.now();
    await sink.shutdown();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('renders news once it settles: a burst of samples is one rendering of them all', async () => {
    const sink = newSink({ settleMs: 1_000, minRenderIntervalMs: 60_000 });
    await sink.whenIdle();
    sink.publish(newsCycle(oneSystem(readings({ lpars: [lpar('lpar1')] })), SAMPLE_TIME));
    await sleep(100);
    sink.publish(newsCycle(oneSystem(readings({ lpars: [lpar('lpar2')] })), SAMPLE_TIME + 100));
    await sleep(200);
    expect(await lparNames(sink)).toEqual([]); // still settling
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar2']);
    expect(sink.renderedTime).toBe(SAMPLE_TIME + 100);
    await sink.shutdown();
  });

  it('renders a cycle without news only once the last rendering is quietRenderEveryMs old; news at once', async () => {
    const sink = newSink({ quietRenderEveryMs: 60_000 });
    const rendered = oneSystem(readings({ lpars: [lpar('lpar1')] }));
    sink.publish(newsCycle(rendered, SAMPLE_TIME));
    await sink.whenIdle();
    expect(sink.renderedTime).toBe(SAMPLE_TIME);
    // Only time passed: the same readings, every console and system as it was.
    sink.publish(cycle(rendered, SAMPLE_TIME + 15_000));
    await sleep(300);
    expect(sink.renderedTime).toBe(SAMPLE_TIME);
    // A system going down is news, even without a sample.
    const same = rendered.consoles.get('hmc1')!.systems.get('uuid-sys1')!.readings;
    const failure = { kind: 'timeout' as const, message: 'no answer' };
    const down = state([console('hmc1', [system('sys1', { readings: same, up: false, failure })])]);
    sink.publish(cycle(down, SAMPLE_TIME + 20_000));
    await sleep(300);
    expect(sink.renderedTime).toBe(SAMPLE_TIME + 20_000);
    const started = Date.now();
    await sink.shutdown();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('keeps the rendering encoded and gzipped once, and its plain length', async () => {
    const sink = newSink();
    sink.publish(cycle(oneSystem()));
    await sink.whenIdle();
    const exposition = await sink.compressedExposition();
    expect(exposition).toBe(await sink.compressedExposition());
    const text = gunzipSync(exposition.gzip).toString();
    expect(text).toBe(await sink.exposition());
    expect(text).toContain('lpar="lpar1"');
    expect(exposition.bytes).toBe(Buffer.byteLength(text));
    await sink.shutdown();
  });

  it('renders what the sinks report about themselves, and reports its own failures', async () => {
    const sink = newSink();
    expect(sink.stats()).toEqual([{ metric: 'renderFailures', labels: {}, value: 0 }]);
    sink.publish({
      ...cycle(oneSystem()),
      sinks: [
        { metric: 'ceilometerQueue', labels: { publisher: 'amqp' }, value: 3 },
        { metric: 'ceilometerDropped', labels: { publisher: 'amqp', reason: 'queue_full' }, value: 7 },
      ],
    });
    await sink.whenIdle();
    const text = await sink.exposition();
    expect(text).toMatch(/^powervm_ceilometer_queue_samples\{publisher="amqp"\} 3$/m);
    expect(text).toMatch(
      /^powervm_ceilometer_samples_dropped_total\{publisher="amqp",reason="queue_full"\} 7$/m,
    );
    await sink.shutdown();
  });

  it('serves the self-metrics of an empty state before the first cycle', async () => {
    const sink = newSink();
    const names = parseExposition(await sink.exposition()).samples.map((s) => s.name);
    expect(names).toEqual(['powervm_build_info']);
    await sink.shutdown();
  });

  it('publish returns before rendering; the rendering follows', async () => {
    const sink = newSink();
    await sink.whenIdle();
    sink.publish(cycle(oneSystem()));
    expect(await lparNames(sink)).toEqual([]);
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar1']);
    await sink.shutdown();
  });

  it('an LPAR gone between two cycles is gone from the next rendering', async () => {
    const sink = newSink();
    sink.publish(cycle(oneSystem(readings({ lpars: [lpar('lpar1'), lpar('lpar2')] }))));
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar1', 'lpar2']);
    sink.publish(cycle(oneSystem(readings({ lpars: [lpar('lpar1')] }))));
    await sink.whenIdle();
    const text = await sink.exposition();
    expect(await lparNames(sink)).toEqual(['lpar1']);
    expect(text).not.toContain('lpar2');
    await sink.shutdown();
  });

  it('a system gone between two cycles takes all its series with it', async () => {
    const sink = newSink();
    sink.publish(cycle(state([console('hmc1', [system('sys1'), system('sys2')])])));
    await sink.whenIdle();
    expect(await sink.exposition()).toContain('system="sys2"');
    sink.publish(cycle(state([console('hmc1', [system('sys1')])])));
    await sink.whenIdle();
    expect(await sink.exposition()).not.toContain('system="sys2"');
    await sink.shutdown();
  });

  it('coalesces cycles published faster than renderings: the newest one is rendered', async () => {
    const sink = newSink();
    for (let i = 1; i <= 5; i++) sink.publish(cycle(oneSystem(readings({ lpars: [lpar(`lpar${i}`)] }))));
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar5']);
    await sink.shutdown();
  });

  it('keeps its own copy of the state: later changes to the collector maps do not leak in', async () => {
    const sink = newSink();
    const consoles = new Map([['hmc1', console('hmc1', [system('sys1')])]]);
    sink.publish(cycle({ consoles, ready: true }));
    consoles.delete('hmc1');
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar1']);
    await sink.shutdown();
  });

  it('ignores cycles published after shutdown', async () => {
    const sink = newSink();
    await sink.shutdown();
    sink.publish(cycle(oneSystem()));
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual([]);
  });
});

describe('OtelSink', () => {
  it('logs a failing metric callback and still serves the other series', async () => {
    const warn = vi.fn();
    const sink = new OtelSink({ logger: { warn } });
    const broken = lparWithBrokenMemory('lpar1');
    sink.publish(cycle(oneSystem(readings({ lpars: [broken] }))));
    await sink.whenIdle();
    expect(warn).toHaveBeenCalledWith({ err: expect.any(Error) }, 'a metric callback failed');
    const e = parseExposition(await sink.exposition());
    expect(samplesOf(e, 'powervm_lpar_memory_logical_bytes')).toEqual([]);
    expect(samplesOf(e, 'powervm_lpar_info')).toHaveLength(1);
    await sink.shutdown();
  });
});

describe('ThreadedOtelSink', () => {
  it('a cycle that cannot be handed to the rendering thread is logged and counted; the next is rendered', async () => {
    const warn = vi.fn();
    const sink = new ThreadedOtelSink({ logger: { warn } });
    const unsendable = lparWithBrokenMemory('lpar1');
    expect(() => sink.publish(cycle(oneSystem(readings({ lpars: [unsendable] }))))).not.toThrow();
    expect(warn).toHaveBeenCalledWith(
      { err: expect.any(Error) },
      'the cycle could not be handed to the rendering thread; /metrics keeps the previous rendering',
    );
    expect(sink.stats()).toEqual([{ metric: 'renderFailures', labels: {}, value: 1 }]);
    sink.publish(cycle(oneSystem(readings({ lpars: [lpar('lpar2')] }))));
    await sink.whenIdle();
    expect(await lparNames(sink)).toEqual(['lpar2']);
    await sink.shutdown();
  });
});
