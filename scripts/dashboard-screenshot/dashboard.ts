/** The parts of a Grafana dashboard JSON file a static rendering needs, read defensively. */

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PanelTarget {
  expr: string;
  legendFormat: string | undefined;
}

export interface Panel {
  title: string;
  type: string;
  unit: string | undefined;
  gridPos: GridPos;
  targets: PanelTarget[];
}

export interface Variable {
  name: string;
  type: string;
  /** The query (label_values(…), query_result(…)) or the custom/constant values. */
  query: string;
}

export interface Dashboard {
  title: string;
  variables: Variable[];
  /** Rows and panels with queries, in file order; a collapsed row's panels are listed after it. */
  panels: Panel[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const array = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function readDashboard(raw: unknown, file: string): Dashboard {
  // Dashboards exported "for sharing externally" or saved through the API wrap the model.
  const model = isObject(raw) && isObject(raw['dashboard']) ? raw['dashboard'] : raw;
  if (!isObject(model) || !Array.isArray(model['panels'])) {
    throw new Error(`${file}: not a Grafana dashboard (no "panels" array)`);
  }
  const templating = isObject(model['templating']) ? model['templating'] : {};
  return {
    title: text(model['title']) ?? file,
    variables: array(templating['list']).map((v, i) => variable(v, `${file}: templating.list[${i}]`)),
    panels: flatten(array(model['panels'])).flatMap((p) => panel(p) ?? []),
  };
}

function variable(v: Json, where: string): Variable {
  const name = text(v['name']);
  if (!name) throw new Error(`${where}: a variable without a name`);
  const query = isObject(v['query']) ? text(v['query']['query']) : text(v['query']);
  return { name, type: text(v['type']) ?? 'query', query: query ?? text(v['definition']) ?? '' };
}

function flatten(panels: Json[]): Json[] {
  return panels.flatMap((p) => [p, ...flatten(array(p['panels']))]);
}

function panel(p: Json): Panel | undefined {
  const gridPos = isObject(p['gridPos']) ? p['gridPos'] : {};
  const n = (key: string, fallback: number) => (typeof gridPos[key] === 'number' ? gridPos[key] : fallback);
  const type = text(p['type']) ?? 'timeseries';
  const title = text(p['title']) ?? '';
  // A row is kept as a heading: what follows it is placed below it, as in Grafana.
  if (type === 'row')
    return { title, type, unit: undefined, gridPos: { x: 0, y: n('y', 0), w: 24, h: 1 }, targets: [] };
  const targets = array(p['targets']).flatMap((t) => {
    const expr = text(t['expr']);
    return expr && t['hide'] !== true ? [{ expr, legendFormat: text(t['legendFormat']) }] : [];
  });
  if (targets.length === 0) return undefined;
  const defaults =
    isObject(p['fieldConfig']) && isObject(p['fieldConfig']['defaults']) ? p['fieldConfig']['defaults'] : {};
  return {
    title,
    type,
    unit: text(defaults['unit']),
    gridPos: { x: n('x', 0), y: n('y', 0), w: n('w', 12), h: n('h', 8) },
    targets,
  };
}
