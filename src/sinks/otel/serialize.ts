import type { Attributes, AttributeValue } from '@opentelemetry/api';
import {
  DataPointType,
  type GaugeMetricData,
  type MetricData,
  type SumMetricData,
} from '@opentelemetry/sdk-metrics';

/**
 * Prometheus text (format 0.0.4) for OpenTelemetry's collected data, written the way
 * exporter-prometheus' PrometheusSerializer writes it with no prefix, no timestamps, no scope
 * labels and no target_info (the same names, HELP, UNIT, TYPE, label order, escaping and number
 * formatting; test/unit/sinks/otel/serialize.test.ts holds the two side by side). Ours because at
 * 10,000 LPARs that serializer was a third of the rendering's CPU, and because a family collected
 * in slices needs its header once and its samples from every slice.
 */

/** The characters escapeString and escapeAttributeValue replace; most values have none. */
const NEEDS_ESCAPE = /[\\\n"]/;
const INVALID_NAME_CHARACTERS = /[^a-z0-9_]/gi;
const REPEATED_UNDERSCORES = /_{2,}/g;

const escapeText = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function escapeLabelValue(value: AttributeValue | undefined): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  return NEEDS_ESCAPE.test(text) ? escapeText(text).replace(/"/g, '\\"') : text;
}

const sanitizeName = (name: string): string =>
  name.replace(INVALID_NAME_CHARACTERS, '_').replace(REPEATED_UNDERSCORES, '_');

function exposedName(metric: MetricData): string {
  let name = sanitizeName(escapeText(metric.descriptor.name));
  if (name === '' || name === '_')
    throw new Error(`metric name "${metric.descriptor.name}" is not exposable`);
  if (name[0]! >= '0' && name[0]! <= '9') name = `_${name}`;
  const counter = metric.dataPointType === DataPointType.SUM && metric.isMonotonic;
  return counter && !name.endsWith('_total') ? `${name}_total` : name;
}

/** The table's families are counters and gauges: the SDK makes sums and gauges of them. */
function scalar(metric: MetricData): SumMetricData | GaugeMetricData {
  if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE)
    return metric;
  throw new Error(`metric ${metric.descriptor.name}: only sums and gauges are exposed`);
}

const prometheusType = (metric: SumMetricData | GaugeMetricData): 'counter' | 'gauge' =>
  metric.dataPointType === DataPointType.SUM && metric.isMonotonic ? 'counter' : 'gauge';

function formatValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return `${value}`;
}

/**
 * Label sets rendered once per attributes object. The rows of an entity observe the same object
 * (see labelledEntities), and the SDK hands that object back on every data point, so one
 * rendering writes each LPAR's identity labels once rather than once per series.
 */
export class LabelSets {
  readonly #rendered = new WeakMap<Attributes, string>();
  readonly #names = new Map<string, string>();

  /** `{name="value",...}`, or '' for no attributes. */
  of(attributes: Attributes): string {
    let rendered = this.#rendered.get(attributes);
    if (rendered === undefined) {
      rendered = '';
      for (const key of Object.keys(attributes)) {
        rendered += `${rendered === '' ? '{' : ','}${this.#name(key)}="${escapeLabelValue(attributes[key])}"`;
      }
      if (rendered !== '') rendered += '}';
      this.#rendered.set(attributes, rendered);
    }
    return rendered;
  }

  #name(key: string): string {
    let name = this.#names.get(key);
    if (name === undefined) this.#names.set(key, (name = sanitizeName(key)));
    return name;
  }
}

/** The `# HELP`, `# UNIT` and `# TYPE` lines of a family. */
export function familyHeader(metric: MetricData): string {
  const name = exposedName(metric);
  const { description, unit } = metric.descriptor;
  const unitLine = unit ? `# UNIT ${name} ${escapeText(unit)}\n` : '';
  return `# HELP ${name} ${escapeText(description || 'description missing')}\n${unitLine}# TYPE ${name} ${prometheusType(scalar(metric))}\n`;
}

/** One line per data point of a sum or gauge, in the SDK's order. */
export function familySamples(metric: MetricData, labels: LabelSets): string {
  const name = exposedName(metric);
  let text = '';
  for (const point of scalar(metric).dataPoints) {
    text += `${name}${labels.of(point.attributes)} ${formatValue(point.value)}\n`;
  }
  return text;
}
