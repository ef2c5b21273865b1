/**
 * A small builder for Grafana dashboard JSON (the classic model, schemaVersion 39). Every panel it
 * makes queries the `$datasource` variable, carries a unit and is placed on the grid by its row, so
 * the four dashboards cannot drift apart on those rules.
 */

export const DATASOURCE = { type: 'prometheus', uid: '${datasource}' } as const;

/** Grafana unit ids used here; `suffix:` is Grafana's custom-unit syntax. */
export type Unit =
  | 'none'
  | 'short'
  | 's'
  | 'bytes'
  | 'Bps'
  | 'pps'
  | 'iops'
  | 'reqps'
  | 'percentunit'
  | 'bool_on_off'
  | 'suffix: cores';

export interface Query {
  expr: string;
  legend: string;
  /** Instant queries suit tables and stats of inventory; graphs use range queries. */
  instant?: boolean;
}

type Threshold = { color: string; value: number | null };

export interface PanelSpec {
  title: string;
  description: string;
  unit: Unit;
  queries: Query[];
  /** Grid columns out of 24 (default 12) and rows (default 8). */
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  /** Stack the series of these queries (by index), e.g. the capped/uncapped split of CPU time. */
  stacked?: number[];
  thresholds?: Threshold[];
}

export type Panel = Record<string, unknown> & { gridPos: GridPos };
type GridPos = { h: number; w: number; x: number; y: number };
type Layout = Omit<Panel, 'gridPos'> & { w: number; h: number };

const GREEN: Threshold = { color: 'green', value: null };

function targets(queries: Query[], table = false) {
  return queries.map((q, i) => ({
    refId: refId(i),
    datasource: DATASOURCE,
    expr: q.expr,
    legendFormat: q.legend,
    range: !q.instant,
    instant: q.instant ?? false,
    ...(table ? { format: 'table' } : {}),
  }));
}

function fieldDefaults(spec: PanelSpec) {
  return {
    unit: spec.unit,
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
    thresholds: { mode: 'absolute', steps: spec.thresholds ?? [GREEN] },
  };
}

function base(type: string, spec: PanelSpec, width: number, height: number) {
  return {
    type,
    title: spec.title,
    description: spec.description,
    datasource: DATASOURCE,
    w: spec.width ?? width,
    h: spec.height ?? height,
  };
}

const refId = (index: number) => String.fromCharCode(65 + index);

export function timeseries(spec: PanelSpec): Layout {
  const stacking = (spec.stacked ?? []).map((i) => ({
    matcher: { id: 'byFrameRefID', options: refId(i) },
    properties: [{ id: 'custom.stacking', value: { mode: 'normal', group: 'stacked' } }],
  }));
  return {
    ...base('timeseries', spec, 12, 8),
    fieldConfig: {
      defaults: {
        ...fieldDefaults(spec),
        custom: { drawStyle: 'line', lineWidth: 1, fillOpacity: 10, showPoints: 'never', spanNulls: false },
      },
      overrides: stacking,
    },
    options: {
      legend: {
        displayMode: 'table',
        placement: 'bottom',
        showLegend: true,
        calcs: ['mean', 'max', 'lastNotNull'],
      },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    targets: targets(spec.queries),
  };
}

const reduceLast = { calcs: ['lastNotNull'], fields: '', values: false };

/** `text: 'name'` shows the series name alone: for _info series, whose value is always 1. */
export function stat(spec: PanelSpec & { text?: 'name' }): Layout {
  return {
    ...base('stat', spec, 4, 4),
    fieldConfig: { defaults: fieldDefaults(spec), overrides: [] },
    options: {
      reduceOptions: reduceLast,
      colorMode: 'value',
      graphMode: 'area',
      justifyMode: 'auto',
      orientation: 'auto',
      textMode: spec.text ?? 'value_and_name',
    },
    targets: targets(spec.queries),
  };
}

export function gauge(spec: PanelSpec): Layout {
  return {
    ...base('gauge', spec, 4, 4),
    fieldConfig: { defaults: fieldDefaults(spec), overrides: [] },
    options: { reduceOptions: reduceLast, showThresholdLabels: false, showThresholdMarkers: true },
    targets: targets(spec.queries),
  };
}

export function bars(spec: PanelSpec): Layout {
  return {
    ...base('bargauge', spec, 8, 8),
    fieldConfig: { defaults: fieldDefaults(spec), overrides: [] },
    options: {
      reduceOptions: reduceLast,
      orientation: 'horizontal',
      displayMode: 'basic',
      showUnfilled: true,
    },
    targets: targets(spec.queries),
  };
}

/**
 * One row per label set, one column per instant query (Grafana's merge joins them on their
 * labels); the first query's unit is the panel's, `columns` names each value column and its unit.
 */
export function table(spec: PanelSpec & { columns: { title: string; unit: Unit }[] }): Layout {
  const excludeByName = Object.fromEntries(['Time', '__name__', 'job', 'instance'].map((c) => [c, true]));
  const valueColumn = (i: number) => (spec.queries.length > 1 ? `Value #${refId(i)}` : 'Value');
  const renameByName = Object.fromEntries(spec.columns.map((column, i) => [valueColumn(i), column.title]));
  return {
    ...base('table', spec, 24, 8),
    fieldConfig: {
      defaults: fieldDefaults(spec),
      overrides: spec.columns.map((column) => ({
        matcher: { id: 'byName', options: column.title },
        properties: [{ id: 'unit', value: column.unit }],
      })),
    },
    options: { showHeader: true, cellHeight: 'sm', footer: { show: false, reducer: ['sum'], fields: '' } },
    targets: targets(spec.queries, true),
    transformations: [
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName, renameByName } },
    ],
  };
}

export interface Row {
  title: string;
  panels: Layout[];
}

/** Rows of panels laid left to right, wrapping at 24 columns; ids follow the layout order. */
function layout(rows: Row[]): Panel[] {
  const panels: Panel[] = [];
  let y = 0;
  const nextId = () => panels.length + 1;
  for (const row of rows) {
    panels.push({
      id: nextId(),
      type: 'row',
      title: row.title,
      collapsed: false,
      panels: [],
      gridPos: { h: 1, w: 24, x: 0, y },
    });
    y += 1;
    let x = 0;
    let lineHeight = 0;
    for (const { w, h, ...panel } of row.panels) {
      if (x + w > 24) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      panels.push({ id: nextId(), ...panel, gridPos: { h, w, x, y } });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return panels;
}

/**
 * A template variable chained to the ones before it through `label_values(selector, label)`.
 * Several-valued variables match with `=~` (Grafana escapes regex characters in their values);
 * single-valued ones with `=`, since Grafana inserts a single value as it is.
 */
export interface Variable {
  name: string;
  label: string;
  /** The metric whose series list the values. */
  metric: string;
  multi: boolean;
}

export function matcher(variable: Variable): string {
  return `${variable.name}${variable.multi ? '=~' : '='}"$${variable.name}"`;
}

/** `metric{hmc="$hmc", system="$system", …extra}` for the chain of variables given. */
export function selector(metric: string, chain: Variable[], ...extra: string[]): string {
  const matchers = [...chain.map(matcher), ...extra];
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

function templating(chain: Variable[]) {
  const datasource = {
    name: 'datasource',
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    hide: 0,
    includeAll: false,
    multi: false,
    options: [],
    refresh: 1,
    regex: '',
  };
  const queries = chain.map((variable, i) => {
    const query = `label_values(${selector(variable.metric, chain.slice(0, i))}, ${variable.name})`;
    return {
      name: variable.name,
      label: variable.label,
      type: 'query',
      datasource: DATASOURCE,
      definition: query,
      query,
      hide: 0,
      includeAll: variable.multi,
      multi: variable.multi,
      ...(variable.multi ? { allValue: '.*' } : {}),
      options: [],
      // On time range change: consoles, systems and partitions come and go.
      refresh: 2,
      regex: '',
      sort: 1,
    };
  });
  return { list: [datasource, ...queries] };
}

export interface DashboardSpec {
  uid: string;
  title: string;
  description: string;
  chain: Variable[];
  rows: Row[];
}

export function dashboard(spec: DashboardSpec) {
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: ['powervm'],
    editable: true,
    graphTooltip: 1,
    timezone: 'browser',
    time: { from: 'now-6h', to: 'now' },
    // The console publishes a sample every 30 s: refreshing faster shows nothing new.
    refresh: '1m',
    schemaVersion: 39,
    version: 1,
    annotations: { list: [] },
    // The other PowerVM dashboards, keeping the time range and the console/system selection.
    links: [
      {
        title: 'PowerVM',
        type: 'dashboards',
        tags: ['powervm'],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    templating: templating(spec.chain),
    panels: layout(spec.rows),
  };
}

export type Dashboard = ReturnType<typeof dashboard>;
