import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cycle, FreshReadings } from '../../../../src/collector/index.js';
import { CeilometerSink } from '../../../../src/sinks/ceilometer/ceilometer-sink.js';
import { convertReadings } from '../../../../src/sinks/ceilometer/convert.js';
import { profile } from '../../../../src/sinks/ceilometer/profiles.js';
import { verifySample } from '../../../../src/sinks/ceilometer/sign.js';
import { DeliveryQueue } from '../../../../src/sinks/ceilometer/transport/delivery-queue.js';
import { FilePublisher } from '../../../../src/sinks/ceilometer/transport/file-publisher.js';
import type { WireDict } from '../../../../src/sinks/ceilometer/transport/types.js';
import { disk, lpar, readings, vnic } from '../otel/support/readings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MAPPED_UUID = '489FFB20-5D19-4A8C-BB80-13650627D985';

/** `count` LPARs with a vNIC and a disk each, the first one known to the directory. */
const system = (prefix: string, count: number, overrides = {}): FreshReadings['readings'] =>
  readings({
    lpars: Array.from({ length: count }, (_, i) =>
      lpar(`${prefix}${i}`, {
        lpar_uuid:
          i === 0 && prefix === 'a'
            ? MAPPED_UUID
            : `7F00AA11-0000-4000-8000-${prefix}${String(i).padStart(11, '0')}`,
        vnics: [vnic(`U8247.22L.2125D4A-V${i}-C2`)],
        disks: [disk(`vios1-vhost${i}`)],
        ...(i === 3 ? overrides : {}),
      }),
    ),
  });

function sinkWithFile(secret: string, capacity?: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ceilometer-sink-'));
  dirs.push(dir);
  const file = path.join(dir, 'samples.jsonl');
  const queue = new DeliveryQueue({ publisher: new FilePublisher({ path: file }), capacity });
  const warnings: object[] = [];
  const sink = new CeilometerSink({
    queue,
    publisher: 'file',
    logger: { warn: (fields) => warnings.push(fields) },
    profile: profile('zed'),
    directory: {
      lookup: ({ uuid }) =>
        uuid === MAPPED_UUID ? { instance_id: 'i-1', project_id: 'p', user_id: 'u' } : undefined,
    },
    secret,
    lparsPerSlice: 4,
  });
  const written = (): WireDict[] =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as WireDict);
  return { sink, queue, warnings, written };
}

const cycle = (...fresh: Array<FreshReadings['readings']>): Cycle => ({
  time: 0,
  state: { consoles: new Map(), ready: true },
  fresh: fresh.map((r, i) => ({ console: 'hmc1', system: `s${i}`, readings: r })),
  sinks: [],
});

const stat = (sink: CeilometerSink, metric: string, label: string): number | undefined =>
  sink.stats().find((s) => s.metric === metric && Object.values(s.labels).includes(label))?.value;

describe('CeilometerSink', () => {
  it('converts a cycle on its conversion thread a slice at a time, and delivers every sample once', async () => {
    const { sink, queue, warnings, written } = sinkWithFile('secret');
    const enqueue = vi.spyOn(queue, 'enqueue');
    sink.publish(cycle(system('a', 25, { cpu_time: Number.NaN }), system('b', 6)));
    expect(await sink.drained(10_000)).toBe(true);
    const samples = written();
    // 4 LPARs a slice: 7 of a's 25, 2 of b's 6, each queued as it came back.
    expect(enqueue).toHaveBeenCalledTimes(9);

    expect(new Set(samples.map((s) => s['message_id'])).size).toBe(samples.length);
    expect(
      new Set(samples.map((s) => (s['resource_metadata'] as { lpar_name: string }).lpar_name)).size,
    ).toBe(31);
    for (const s of samples) expect(verifySample(s, 'secret')).toBe(true);
    expect(samples[0]?.['message_id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    // a3's NaN cpu_time: not sent, logged and counted.
    expect(
      samples.some(
        (s) =>
          s['counter_name'] === 'cpu' && (s['resource_metadata'] as { lpar_name: string }).lpar_name === 'a3',
      ),
    ).toBe(false);
    expect(warnings).toEqual([
      { lpar: 'a3', meter: 'cpu', reason: 'counter_volume is not a finite number (NaN)' },
    ]);
    expect(stat(sink, 'ceilometerDropped', 'invalid')).toBe(1);
    expect(stat(sink, 'ceilometerPublished', 'file')).toBe(samples.length);
    // LPAR counts are the whole cycle's, across slices and systems.
    expect(stat(sink, 'ceilometerLpars', 'mapped')).toBe(1);
    expect(stat(sink, 'ceilometerLpars', 'unmapped_sent')).toBe(30);
    await sink.shutdown();
  });

  it('sends what converting on this thread makes, but for the message ids and so the signatures', async () => {
    const { sink, written } = sinkWithFile('secret');
    const fresh = system('a', 9);
    sink.publish(cycle(fresh));
    expect(await sink.drained(10_000)).toBe(true);
    await sink.shutdown();
    const withoutIds = (dicts: readonly object[]) =>
      dicts.map((dict) => ({ ...dict, message_id: 'id', message_signature: 'signature' }));
    const here = convertReadings(fresh, {
      profile: profile('zed'),
      directory: {
        lookup: ({ uuid }) =>
          uuid === MAPPED_UUID ? { instance_id: 'i-1', project_id: 'p', user_id: 'u' } : undefined,
      },
      secret: 'secret',
    });
    // Each slice's samples go meter by meter: compare as sets, in a stable order.
    const order = (dicts: Array<Record<string, unknown>>) => dicts.map((dict) => JSON.stringify(dict)).sort();
    expect(order(withoutIds(written()))).toEqual(order(withoutIds(JSON.parse(JSON.stringify(here.samples)))));
  });

  it('waits for room instead of dropping its own samples when a cycle is larger than the queue', async () => {
    const { sink, queue, written } = sinkWithFile('', 100);
    sink.publish(cycle(system('a', 20)));
    expect(await sink.drained(10_000)).toBe(true);
    const samples = written();
    expect(samples.length).toBeGreaterThan(100);
    expect(queue.stats().dropped).toEqual({ queue_full: 0, rejected: 0, shutdown: 0 });
    expect(samples.every((s) => s['message_signature'] === '')).toBe(true); // signing disabled
    await sink.shutdown();
  });
});
