import { describe, expect, it, vi } from 'vitest';
import { expositionText, ThreadedOtelSink } from '../../../../src/sinks/otel/index.js';
import { parseExposition, samplesOf } from './support/exposition.js';
import { lpar, readings } from './support/readings.js';
import { oneSystem, SAMPLE_TIME } from './support/states.js';
import { threads } from '../../../support/recorded-threads.js';

vi.mock('node:worker_threads', async () =>
  (await import('../../../support/recorded-threads.js')).recordingWorkerThreads(),
);

const cycle = (name: string) => ({
  time: SAMPLE_TIME,
  state: oneSystem(readings({ lpars: [lpar(name)] })),
  fresh: [],
  sinks: [],
});

describe('ThreadedOtelSink when its rendering thread dies', () => {
  it('keeps serving the last rendering, logs once, counts a failure, and renders again on a new thread with the whole state', async () => {
    const warn = vi.fn();
    const sink = new ThreadedOtelSink({ logger: { warn }, restartDelayMs: 50 });
    sink.publish(cycle('lpar1'));
    await sink.whenIdle();
    const beforeBodies = await sink.compressedExposition();
    const before = expositionText(beforeBodies);
    expect(before).toContain('lpar="lpar1"');

    await threads.at(-1)!.terminate();
    expect(await sink.exposition()).toBe(before);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toBe(
      'the rendering thread stopped; /metrics keeps the last rendering until a new thread renders',
    );
    expect(sink.stats()).toEqual([{ metric: 'renderFailures', labels: {}, value: 1 }]);

    await vi.waitFor(() => expect(threads).toHaveLength(2), { timeout: 5_000 });
    await vi.waitFor(
      async () => {
        await sink.whenIdle();
        // The new thread got the readings whole, not as "unchanged" from a thread that is gone.
        const info = samplesOf(parseExposition(await sink.exposition()), 'powervm_lpar_info');
        expect(info.map((s) => s.labels['lpar'])).toEqual(['lpar1']);
        expect(sink.renderedTime).toBe(SAMPLE_TIME);
        expect(await sink.compressedExposition()).not.toBe(beforeBodies);
      },
      { timeout: 10_000 },
    );
    sink.publish(cycle('lpar2'));
    await sink.whenIdle();
    expect(await sink.exposition()).toContain('lpar="lpar2"');
    expect(warn).toHaveBeenCalledTimes(1);
    await sink.shutdown();
  });
});
