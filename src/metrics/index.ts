export * from './row.js';
export { METRICS } from './table.js';
export { SELF_METRICS, SINK_METRICS, type SelfMetric, type SinkMetric } from './self.js';
export * from './units.js';
export * from './entities.js';
export { metricsReference } from './reference-doc.js';
