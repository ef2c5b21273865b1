import { formatValue } from './units.js';

export interface Line {
  name: string;
  color: string;
  /** [unix seconds, value] */
  points: [number, number][];
}

export interface ChartBox {
  width: number;
  height: number;
  start: number;
  end: number;
}

const AXIS_LEFT = 64;
const AXIS_BOTTOM = 20;
const PAD = 6;

export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Round tick values covering [min, max]: 1, 2 or 5 times a power of ten apart. */
function ticks(min: number, max: number, count: number): number[] {
  const span = max - min || Math.abs(max) || 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const out: number[] = [];
  let v = Math.floor(min / step) * step;
  do {
    out.push(Number(v.toPrecision(12)));
    v += step;
  } while (out.at(-1)! < max);
  return out;
}

const clock = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19);

/** A line chart as an SVG element, axes and grid included; the legend is the page's business. */
export function lineChart(lines: readonly Line[], unit: string | undefined, box: ChartBox): string {
  const values = lines.flatMap((l) => l.points.map(([, v]) => v)).filter(Number.isFinite);
  const low = Math.min(0, ...values);
  const high = values.length > 0 ? Math.max(...values) : 1;
  const yTicks = ticks(low, high > low ? high : low + 1, 4);
  const yMin = yTicks[0]!;
  const yMax = yTicks.at(-1)!;
  const plotW = box.width - AXIS_LEFT - PAD;
  const plotH = box.height - AXIS_BOTTOM - PAD;
  const x = (t: number) => AXIS_LEFT + ((t - box.start) / (box.end - box.start || 1)) * plotW;
  const y = (v: number) => PAD + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const parts: string[] = [];
  for (const v of yTicks) {
    parts.push(
      `<line x1="${AXIS_LEFT}" x2="${AXIS_LEFT + plotW}" y1="${y(v)}" y2="${y(v)}" class="grid"/>`,
      `<text x="${AXIS_LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${escapeXml(formatValue(v, unit))}</text>`,
    );
  }
  const xCount = Math.max(2, Math.floor(plotW / 110));
  for (let i = 0; i <= xCount; i++) {
    const t = box.start + ((box.end - box.start) * i) / xCount;
    const anchor = i === 0 ? 'start' : i === xCount ? 'end' : 'middle';
    parts.push(`<text x="${x(t)}" y="${box.height - 4}" text-anchor="${anchor}">${clock(t)}</text>`);
  }
  for (const line of lines) {
    // A NaN breaks the line rather than bridging it.
    const path = line.points
      .map(([t, v], i) => {
        if (!Number.isFinite(v)) return '';
        const previous = line.points[i - 1];
        const move = !previous || !Number.isFinite(previous[1]);
        return `${move ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
      })
      .join('');
    if (path) parts.push(`<path d="${path}" stroke="${line.color}"/>`);
  }
  if (values.length === 0) {
    parts.push(
      `<text x="${AXIS_LEFT + plotW / 2}" y="${PAD + plotH / 2}" text-anchor="middle" class="empty">No data</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${box.width}" height="${box.height}">${parts.join('')}</svg>`;
}
