import type { Panel } from './dashboard.js';
import { escapeXml, lineChart, type Line } from './svg-chart.js';
import { formatValue } from './units.js';

export interface RenderedPanel {
  panel: Panel;
  lines: Line[];
  /** Why the panel has no data, if a query failed. */
  error?: string;
}

/** Grafana's grid: 24 columns, 30 px rows, 8 px between panels. */
const COLUMNS = 24;
const ROW_PX = 30;
const GAP_PX = 8;
const TITLE_PX = 26;
const LEGEND_ROW_PX = 17;
const LEGEND_ITEM_PX = 190;
const MAX_LEGEND_ROWS = 3;

interface Placed {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Panels placed as Grafana places them: in order of their grid position, each as high as the
 * panels above it allow (a collapsed row's panels are shown opened, below the row).
 */
function place(panels: readonly Panel[], pageWidth: number): Placed[] {
  const cell = (pageWidth - GAP_PX * (COLUMNS + 1)) / COLUMNS;
  const bottoms = new Array<number>(COLUMNS).fill(0);
  return panels.map(({ gridPos }) => {
    const x = Math.min(Math.max(0, gridPos.x), COLUMNS - 1);
    const w = Math.min(gridPos.w, COLUMNS - x);
    const row = Math.max(...bottoms.slice(x, x + w));
    for (let c = x; c < x + w; c++) bottoms[c] = row + gridPos.h;
    return {
      left: GAP_PX + x * (cell + GAP_PX),
      top: GAP_PX + row * ROW_PX,
      width: w * cell + (w - 1) * GAP_PX,
      height: gridPos.h * ROW_PX - GAP_PX,
    };
  });
}

function legend(
  lines: readonly Line[],
  width: number,
  unit: string | undefined,
): { html: string; height: number } {
  if (lines.length === 0) return { html: '', height: 0 };
  const perRow = Math.max(1, Math.floor(width / LEGEND_ITEM_PX));
  const shown = lines.slice(0, perRow * MAX_LEGEND_ROWS - (lines.length > perRow * MAX_LEGEND_ROWS ? 1 : 0));
  const items = shown.map((l) => {
    const last = l.points.at(-1)?.[1];
    const value = last === undefined ? '' : ` <b>${escapeXml(formatValue(last, unit))}</b>`;
    return `<span class="item"><i style="background:${l.color}"></i>${escapeXml(l.name)}${value}</span>`;
  });
  if (shown.length < lines.length)
    items.push(`<span class="item">… ${lines.length - shown.length} more</span>`);
  const rows = Math.ceil(items.length / perRow);
  return { html: `<div class="legend">${items.join('')}</div>`, height: rows * LEGEND_ROW_PX + 4 };
}

function stat(lines: readonly Line[], unit: string | undefined): string {
  const cells = lines.slice(0, 12).map((l) => {
    const last = l.points.at(-1)?.[1];
    return `<div class="stat"><div class="big" style="color:${l.color}">${escapeXml(
      last === undefined ? '–' : formatValue(last, unit),
    )}</div><div>${escapeXml(l.name)}</div></div>`;
  });
  return `<div class="stats">${cells.join('') || '<div class="empty">No data</div>'}</div>`;
}

function table(lines: readonly Line[], unit: string | undefined): string {
  const rows = lines.map((l) => {
    const last = l.points.at(-1)?.[1];
    return `<tr><td>${escapeXml(l.name)}</td><td>${escapeXml(last === undefined ? '' : formatValue(last, unit))}</td></tr>`;
  });
  return `<table>${rows.join('')}</table>`;
}

const STYLE = `
body { margin: 0; background: #111217; color: #ccccdc; font: 12px/1.3 Inter, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 16px; font-weight: 500; margin: 0; padding: 10px ${GAP_PX}px 0; height: 26px; }
.sub { color: #8e8e9e; font-weight: 400; font-size: 12px; margin-left: 12px; }
.panel { position: absolute; background: #181b1f; border: 1px solid #2c3235; border-radius: 2px; box-sizing: border-box; overflow: hidden; }
.title { height: ${TITLE_PX}px; line-height: ${TITLE_PX}px; padding: 0 8px; font-weight: 500; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
svg text { fill: #8e8e9e; font-size: 10px; }
svg .grid { stroke: #2c3235; stroke-width: 1; }
svg path { fill: none; stroke-width: 1.5; }
svg .empty, .empty { fill: #8e8e9e; color: #8e8e9e; font-size: 13px; }
.legend { padding: 2px 8px; display: flex; flex-wrap: wrap; }
.item { width: ${LEGEND_ITEM_PX - 6}px; height: ${LEGEND_ROW_PX}px; margin-right: 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.item i { display: inline-block; width: 10px; height: 3px; margin: 0 5px 3px 0; }
.stats { display: flex; flex-wrap: wrap; justify-content: space-around; align-items: center; height: calc(100% - ${TITLE_PX}px); }
.stat { text-align: center; padding: 4px 10px; }
.big { font-size: 26px; font-weight: 500; }
table { width: 100%; border-collapse: collapse; }
td { padding: 2px 8px; border-bottom: 1px solid #2c3235; }
.error { color: #f2495c; padding: 8px; }
.row { position: absolute; font-size: 14px; font-weight: 500; line-height: ${ROW_PX - GAP_PX}px; border-bottom: 1px solid #2c3235; }
`;

/** One static HTML page, no external assets: title, then every panel at its place. */
export function dashboardPage(
  title: string,
  subtitle: string,
  rendered: readonly RenderedPanel[],
  range: { start: number; end: number },
  pageWidth: number,
): { html: string; height: number } {
  const header = 36;
  const placed = place(
    rendered.map((r) => r.panel),
    pageWidth,
  );
  const panels = rendered.map(({ panel, lines, error }, i) => {
    const box = placed[i]!;
    let body: string;
    if (panel.type === 'row') {
      const style = `left:${box.left}px;top:${header + box.top}px;width:${box.width}px`;
      return `<div class="row" style="${style}">${escapeXml(panel.title)}</div>`;
    }
    if (error) body = `<div class="error">${escapeXml(error)}</div>`;
    else if (panel.type === 'stat' || panel.type === 'gauge' || panel.type === 'bargauge')
      body = stat(lines, panel.unit);
    else if (panel.type === 'table') body = table(lines, panel.unit);
    else {
      const { html, height } = legend(lines, box.width, panel.unit);
      const chart = { width: box.width - 2, height: box.height - TITLE_PX - height - 2, ...range };
      body = lineChart(lines, panel.unit, chart) + html;
    }
    const style = `left:${box.left}px;top:${header + box.top}px;width:${box.width}px;height:${box.height}px`;
    return `<div class="panel" style="${style}"><div class="title">${escapeXml(panel.title)}</div>${body}</div>`;
  });
  const height = header + Math.max(0, ...placed.map((p) => p.top + p.height)) + GAP_PX;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeXml(title)}</title><style>${STYLE}</style></head><body><h1>${escapeXml(title)}<span class="sub">${escapeXml(subtitle)}</span></h1>${panels.join('')}</body></html>`;
  return { html, height };
}
