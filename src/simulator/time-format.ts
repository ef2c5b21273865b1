/** The three timestamp spellings the console uses, all in UTC (the simulator always speaks +0000). */

interface Fields {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
}

function fields(ms: number): Fields {
  const date = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return {
    y: String(date.getUTCFullYear()).padStart(4, '0'),
    mo: two(date.getUTCMonth() + 1),
    d: two(date.getUTCDate()),
    h: two(date.getUTCHours()),
    mi: two(date.getUTCMinutes()),
    s: two(date.getUTCSeconds()),
  };
}

/** Atom `updated`/`published`: always with milliseconds, since pypowervm cannot parse them otherwise. */
export function atomTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** phyp/vios `timeStamp`: `2015-05-27T08:17:45+0000`. */
export function sampleTimeStamp(ms: number): string {
  const f = fields(ms);
  return `${f.y}-${f.mo}-${f.d}T${f.h}:${f.mi}:${f.s}+0000`;
}

/** lpar `timeStamp` and the file-name stamp: `20160328T031000+0000`. */
export function compactTimeStamp(ms: number): string {
  const f = fields(ms);
  return `${f.y}${f.mo}${f.d}T${f.h}${f.mi}${f.s}+0000`;
}

export function parseCompactTimeStamp(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\+0000$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return compactTimeStamp(ms) === text ? ms : undefined;
}
