// Screenshot of a Grafana dashboard with live data, without Grafana:
//   npm run screenshot -- dashboards/FILE.json docs/FILE.png [--minutes 2] [--cadence 2] [--width 1600]
//     [--var lpar=db01 …]
// Starts the simulator and the exporter (as the tests do), Debian's Prometheus on 127.0.0.1 with
// the shipped scrape job, lets data accumulate, renders every panel's PromQL (variables set to
// their first value, or as given with --var) from Prometheus' query_range API into a static HTML page of SVG charts, and
// has headless Chromium (Debian's `chromium`) take the picture.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startExporter } from '../test/support/exporter.js';
import { startPrometheus } from '../test/support/prometheus.js';
import { readDashboard, type Panel } from './dashboard-screenshot/dashboard.js';
import { dashboardPage, type RenderedPanel } from './dashboard-screenshot/page.js';
import { prometheusApi, type PrometheusApi, type Series } from './dashboard-screenshot/prometheus-api.js';
import type { Line } from './dashboard-screenshot/svg-chart.js';
import { builtins, resolveVariables, substitute } from './dashboard-screenshot/variables.js';

/** Data points a rate window covers (see builtins). */
const RATE_WINDOW_POINTS = 10;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRAPE_CONFIG = path.join(ROOT, 'deploy/prometheus/prometheus.yml');
/** test/support/prometheus.ts scrapes every second. */
const SCRAPE_SECONDS = 1;
/** Points per line: enough for a smooth line, few enough for a light page. */
const POINTS = 240;
const PALETTE = [
  '#73bf69',
  '#f2cc0c',
  '#8ab8ff',
  '#ff780a',
  '#f2495c',
  '#5794f2',
  '#b877d9',
  '#705da0',
  '#37872d',
  '#fade2a',
  '#3274d9',
  '#e0752d',
];

const USAGE =
  'usage: npm run screenshot -- DASHBOARD.json OUT.png [--minutes 2] [--cadence 2] [--width 1600] [--var NAME=VALUE]…';

function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      minutes: { type: 'string', default: '2' },
      cadence: { type: 'string', default: '2' },
      width: { type: 'string', default: '1600' },
      var: { type: 'string', multiple: true, default: [] },
    },
  });
  const number = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!(n > 0)) throw new Error(`--${name}: expected a positive number, got '${values[name]}'\n${USAGE}`);
    return n;
  };
  if (positionals.length !== 2) throw new Error(USAGE);
  const chosen = values.var.map((pair) => {
    const match = /^(\w+)=(.*)$/.exec(pair);
    if (!match) throw new Error(`--var ${pair}: expected NAME=VALUE\n${USAGE}`);
    return [match[1]!, match[2]!] as const;
  });
  return {
    dashboardFile: positionals[0]!,
    out: path.resolve(positionals[1]!),
    minutes: number('minutes'),
    cadence: number('cadence'),
    width: Math.round(number('width')),
    chosen: new Map(chosen),
  };
}

/** The legend text Grafana would show: legendFormat with {{label}} filled in, else the labels. */
function legendName(series: Series, legendFormat: string | undefined, expr: string): string {
  if (legendFormat && legendFormat !== '__auto') {
    return legendFormat.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, label: string) => series.metric[label] ?? '');
  }
  const { __name__: name, ...labels } = series.metric;
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return pairs.length > 0 || name ? `${name ?? ''}{${pairs.join(', ')}}` : expr;
}

async function renderPanel(
  panel: Panel,
  api: PrometheusApi,
  values: ReadonlyMap<string, string>,
  range: { start: number; end: number; step: number },
): Promise<RenderedPanel> {
  const lines: Line[] = [];
  try {
    for (const target of panel.targets) {
      const expr = substitute(target.expr, values);
      for (const series of await api.range(expr, range.start, range.end, range.step)) {
        lines.push({
          name: substitute(legendName(series, target.legendFormat, expr), values),
          color: PALETTE[lines.length % PALETTE.length]!,
          points: series.values.map(([t, v]) => [t, Number(v)]),
        });
      }
    }
    return { panel, lines };
  } catch (error) {
    return { panel, lines, error: (error as Error).message };
  }
}

function screenshot(htmlFile: string, out: string, width: number, height: number): Promise<void> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--hide-scrollbars',
    `--screenshot=${out}`,
    `--window-size=${width},${height}`,
    pathToFileURL(htmlFile).href,
  ];
  return new Promise((resolve, reject) => {
    execFile('chromium', args, { timeout: 120_000 }, (error, _stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error("chromium not found: apt-get install chromium (Debian's package)"));
      } else if (error || !existsSync(out)) {
        reject(new Error(`chromium failed: ${error?.message ?? 'no screenshot written'}\n${stderr}`));
      } else resolve();
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const opts = options();
  const dashboard = readDashboard(JSON.parse(readFileSync(opts.dashboardFile, 'utf8')), opts.dashboardFile);
  for (const name of opts.chosen.keys()) {
    if (!dashboard.variables.some((v) => v.name === name)) {
      throw new Error(`--var ${name}: ${opts.dashboardFile} has no such variable`);
    }
  }
  console.log(
    `${dashboard.title}: ${dashboard.panels.length} panels with queries, ${dashboard.variables.length} variables`,
  );

  const exporter = await startExporter(opts.cadence, { systems: 2, lpars: 12 });
  const prometheus = await startPrometheus(SCRAPE_CONFIG, new URL(exporter.server.url).host);
  const work = mkdtempSync(path.join(tmpdir(), 'powervm-screenshot-'));
  try {
    // Collect a little longer than shown, so that rates over the first points have a full window.
    const warmUp = RATE_WINDOW_POINTS * opts.cadence;
    for (let left = opts.minutes * 60 + warmUp; left > 0; left -= 30) {
      console.log(`collecting: ${Math.ceil(left)} s to go (simulator cadence ${opts.cadence} s)`);
      await sleep(Math.min(30, left) * 1000);
    }
    const end = Math.floor(Date.now() / 1000);
    const start = end - Math.round(opts.minutes * 60);
    const step = Math.max(1, Math.ceil((end - start) / POINTS));
    const api = prometheusApi(prometheus.url);
    // Counters move once per simulator cadence: a rate needs a few of those, not a few scrapes.
    const dataSeconds = Math.max(SCRAPE_SECONDS, opts.cadence);
    const known = builtins(end - start, step, dataSeconds, RATE_WINDOW_POINTS);
    const values = await resolveVariables(dashboard.variables, api, known, opts.chosen);
    const chosen = dashboard.variables.map((v) => `${v.name}=${values.get(v.name)}`).join('  ');
    const rendered = [];
    for (const panel of dashboard.panels) {
      const titled = { ...panel, title: substitute(panel.title, values) };
      const result = await renderPanel(titled, api, values, { start, end, step });
      if (panel.type !== 'row') {
        console.log(`  ${titled.title || '(untitled)'}: ${result.error ?? `${result.lines.length} series`}`);
      }
      rendered.push(result);
    }
    const subtitle = `${chosen}  ·  simulator, ${opts.minutes} min at a ${opts.cadence} s cadence`;
    const page = dashboardPage(dashboard.title, subtitle, rendered, { start, end }, opts.width);
    const htmlFile = path.join(work, 'dashboard.html');
    writeFileSync(htmlFile, page.html);
    rmSync(opts.out, { force: true });
    await screenshot(htmlFile, opts.out, opts.width, page.height);
    console.log(
      `wrote ${path.relative(process.cwd(), opts.out)} (${opts.width}×${page.height}, ${statSync(opts.out).size} bytes)`,
    );
  } finally {
    await prometheus.stop();
    await exporter.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
