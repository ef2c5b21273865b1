import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertReadings } from '../../../../../src/sinks/ceilometer/convert.js';
import { profile } from '../../../../../src/sinks/ceilometer/profiles.js';
import {
  decodeSamples,
  encodeSamples,
} from '../../../../../src/sinks/ceilometer/transport/encoded-sample.js';
import { FilePublisher } from '../../../../../src/sinks/ceilometer/transport/file-publisher.js';
import { notificationBody } from '../../../../../src/sinks/ceilometer/transport/notification.js';
import { asSampleDict } from '../../../../../src/sinks/ceilometer/transport/sample-dict.js';
import { disk, lpar, readings, systemReading, vnic } from '../../otel/support/readings.js';

let n = 0;
/** Ids a JSON string must escape, and text UTF-8 writes in 2, 3 and 4 bytes. */
const oddId = () => `id "${++n}" \\ \n \u2028 é 😀`;

const converted = (extra = {}) =>
  convertReadings(
    readings({
      system: systemReading({ time: '2026-11-25T03:41:09.950Z' }),
      lpars: ['web "01"\té 😀', 'db01'].map((name, i) =>
        lpar(name, {
          lpar_uuid: `489FFB20-5D19-4A8C-BB80-1365062700${i}0`,
          vnics: [vnic(`U8247.22L.2125D4A-V${i}-C2`)],
          disks: [disk(`vios1-vhost${i}`)],
        }),
      ),
    }),
    {
      profile: profile('zed'),
      directory: { lookup: () => undefined },
      secret: 'secret',
      newId: oddId,
      ...extra,
    },
  ).samples;

const ids = { messageId: 'm-1', uniqueId: 'u'.repeat(32) };
const now = new Date('2026-11-25T03:41:09.968Z');

describe('encoded samples', () => {
  it('make notification bodies byte for byte the same as the samples they were encoded from', () => {
    for (const extra of [{}, { profile: profile('kilo') }, { secret: '' }]) {
      const samples = converted(extra);
      expect(samples.length).toBeGreaterThan(20);
      const decoded = decodeSamples(encodeSamples(samples));
      expect(decoded).toHaveLength(samples.length);
      // Whole bodies, and bodies cut anywhere: each sample is its own bytes.
      for (const [from, to] of [
        [0, samples.length],
        [3, 17],
        [samples.length - 1, samples.length],
      ] as const) {
        const own = notificationBody(samples.slice(from, to), { ids, now });
        expect(notificationBody(decoded.slice(from, to), { ids, now }).equals(own)).toBe(true);
      }
    }
  });

  it('give their wire dict to publishers that send dicts', async () => {
    const samples = converted();
    const decoded = decodeSamples(encodeSamples(samples));
    const dicts = JSON.parse(JSON.stringify(samples)) as Array<Record<string, unknown>>;
    expect(decoded.map((sample) => sample.dict())).toEqual(dicts);
    expect(decoded.map(asSampleDict)).toEqual(dicts.map(asSampleDict));

    const dir = mkdtempSync(path.join(tmpdir(), 'encoded-sample-'));
    try {
      const file = path.join(dir, 'wire.jsonl');
      await new FilePublisher({ path: file }).publish(decoded);
      expect(readFileSync(file, 'utf8')).toBe(samples.map((s) => `${JSON.stringify(s)}\n`).join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
