import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cycle, FreshReadings } from '../../../../src/collector/index.js';
import { CeilometerSink } from '../../../../src/sinks/ceilometer/ceilometer-sink.js';
import { profile } from '../../../../src/sinks/ceilometer/profiles.js';
import { DeliveryQueue } from '../../../../src/sinks/ceilometer/transport/delivery-queue.js';
import { FilePublisher } from '../../../../src/sinks/ceilometer/transport/file-publisher.js';
import { lpar, readings } from '../otel/support/readings.js';
import { threads } from '../../../support/recorded-threads.js';

vi.mock('node:worker_threads', async () =>
  (await import('../../../support/recorded-threads.js')).recordingWorkerThreads(),
);

const dirs: string[] = [];
afterEach(() => {
  threads.splice(0);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const STOPPED =
  'the Ceilometer conversion thread stopped; the LPARs it was converting are not sent, a new thread converts the next ones';

const cycle = (prefix: string, count: number): Cycle => {
  const fresh: FreshReadings['readings'] = readings({
    lpars: Array.from({ length: count }, (_, i) =>
      lpar(`${prefix}${i}`, { lpar_uuid: `7F00AA11-0000-4000-8000-${prefix}${String(i).padStart(11, '0')}` }),
    ),
  });
  return {
    time: 0,
    state: { consoles: new Map(), ready: true },
    fresh: [{ console: 'hmc1', system: prefix, readings: fresh }],
    sinks: [],
  };
};

function fileSink() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ceilometer-sink-restart-'));
  dirs.push(dir);
  const file = path.join(dir, 'samples.jsonl');
  const warn = vi.fn();
  const sink = new CeilometerSink({
    queue: new DeliveryQueue({ publisher: new FilePublisher({ path: file }) }),
    publisher: 'file',
    logger: { warn },
    profile: profile('zed'),
    directory: { lookup: () => undefined },
    secret: 'secret',
    lparsPerSlice: 2,
    restartDelayMs: 50,
  });
  const lparsSent = (): Set<string> =>
    new Set(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map(
          (line) =>
            (JSON.parse(line) as { resource_metadata: { lpar_name: string } }).resource_metadata.lpar_name,
        ),
    );
  return { sink, warn, lparsSent };
}

describe('CeilometerSink when its conversion thread dies', () => {
  it('logs once and converts the next cycles on a new thread', async () => {
    const { sink, warn, lparsSent } = fileSink();
    sink.publish(cycle('a', 3));
    expect(await sink.drained(10_000)).toBe(true);
    expect(threads).toHaveLength(1);

    await threads[0]!.terminate();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toBe(STOPPED);
    expect(warn.mock.calls[0]![0]).toMatchObject({ lpars: 0, restartInMs: 50 });

    sink.publish(cycle('b', 3));
    expect(await sink.drained(10_000)).toBe(true);
    expect(threads).toHaveLength(2);
    expect(lparsSent()).toEqual(new Set(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']));
    expect(warn).toHaveBeenCalledTimes(1);

    await sink.shutdown();
    expect(threads[1]!.threadId).toBe(-1); // stopped with the sink
  });

  it('loses only the slices the thread held, and still drains', async () => {
    const { sink, warn, lparsSent } = fileSink();
    sink.publish(cycle('a', 1));
    expect(await sink.drained(10_000)).toBe(true);
    sink.publish(cycle('b', 6));
    // The slices are on the thread once the sink's loop ran; the thread has not answered yet.
    await new Promise((resolve) => setImmediate(resolve));
    await threads[0]!.terminate();
    expect(await sink.drained(10_000)).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toBe(STOPPED);
    const lost = (warn.mock.calls[0]![0] as { lpars: number }).lpars;
    expect(lost).toBeGreaterThan(0);
    expect(lparsSent().size).toBe(1 + 6 - lost);

    sink.publish(cycle('c', 2));
    expect(await sink.drained(10_000)).toBe(true);
    expect(lparsSent()).toContain('c1');
    await sink.shutdown();
  });
});
