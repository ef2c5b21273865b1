import { IDENTITY_LABELS } from './row.js';
import { SELF_METRICS, SINK_METRICS } from './self.js';
import { METRICS } from './table.js';

/** docs/metrics.md, written from the table so the reference can never drift from what is exported. */
export function metricsReference(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '# Metrics',
    '',
    '<!-- Generated from src/metrics/ by `npm run docs`; edit the table there, not this file. -->',
    '',
    'Every series carries `hmc` (the console) and, except `powervm_up`, `powervm_build_info` and',
    '`powervm_console_requests_total`, `system` (the managed system). Descriptive labels (UUIDs, states,',
    'modes, MACs) live only on the `_info` metrics: join them with `on (hmc, system, lpar) group_left(...)`.',
    '',
    '## Exporter health',
    '',
    '| metric | type | labels | help |',
    '|---|---|---|---|',
    ...[...Object.values(SELF_METRICS), ...Object.values(SINK_METRICS)].map(
      (m) => `| \`${m.name}\` | ${m.kind} | ${m.labels.join(', ')} | ${escape(m.help)} |`,
    ),
    '',
    '## PowerVM data',
    '',
    '| metric | type | labels besides hmc, system | help | Ceilometer meters |',
    '|---|---|---|---|---|',
    ...METRICS.map((m) => {
      const fixed = m.series.flatMap((s) => Object.entries(s.labels ?? {}).map(([k, v]) => `${k}="${v}"`));
      const labels = [...IDENTITY_LABELS[m.entity], ...fixed].join(', ') || '–';
      const meters =
        'ceilometer' in m && m.ceilometer
          ? m.ceilometer
              .map((c) => `\`${c.meter}\` (${c.type}, ${c.unit}${c.legacy ? ', legacy' : ''})`)
              .join(', ')
          : '';
      return `| \`${m.name}\` | ${m.kind} | ${labels} | ${escape(m.help)} | ${meters} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
