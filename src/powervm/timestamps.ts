/**
 * Parses the three timestamp forms PowerVM writes, honouring the zone offset as ISO-8601 says
 * (pypowervm applies offsets with the wrong sign, powervm-pcm.md §6.3; we do not copy that):
 *   feed `updated`:          2016-03-28T02:26:00.000-04:00   (also `Z`)
 *   phyp/vios `timeStamp`:   2015-05-27T08:17:45+0000
 *   lpar (RMC) `timeStamp`:  20160328T031000-0400
 * Returns ms since the epoch, or undefined when the text is none of these.
 */
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseTimestamp(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = EXTENDED.exec(text.trim()) ?? COMPACT.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const local = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    fraction ? Math.round(Number(fraction) * 1000) : 0,
  );
  if (Number.isNaN(local) || Number(month) > 12 || Number(day) > 31 || Number(hour) > 23) return undefined;
  return local - offsetMs(zone ?? 'Z');
}

function offsetMs(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** ISO-8601 in UTC with milliseconds, the form our readings and logs carry. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
