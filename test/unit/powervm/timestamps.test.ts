import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../../src/powervm/index.js';

describe('parseTimestamp', () => {
  it.each([
    ['2015-05-27T08:17:30.000Z', '2015-05-27T08:17:30.000Z'],
    // ISO-8601: 11:11:35 at −05:00 is 16:11:35 UTC (pypowervm computes 06:11:35, §6.3)
    ['2015-04-30T11:11:35.000-05:00', '2015-04-30T16:11:35.000Z'],
    ['2016-03-28T02:26:00.000-04:00', '2016-03-28T06:26:00.000Z'],
    ['2015-04-30T06:11:35.002Z', '2015-04-30T06:11:35.002Z'],
    ['2015-05-27T08:17:45+0000', '2015-05-27T08:17:45.000Z'], // phyp/vios timeStamp
    ['20160328T031000-0400', '2016-03-28T07:10:00.000Z'], // lpar (RMC) timeStamp
    ['2020-01-01T05:30:00+05:30', '2020-01-01T00:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(new Date(parseTimestamp(text)!).toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2015-13-01T00:00:00Z', '2015-05-27 08:17:30Z', '2015-05-27T08:17:30'])(
    'rejects %j',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );
});
