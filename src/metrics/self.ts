/**
 * The exporter's metrics about itself: health of consoles, systems and collection. Kept apart from
 * the product table (they never go to Ceilometer), but, like it, the only place their names are
 * written.
 */
export interface SelfMetric {
  name: string;
  kind: 'counter' | 'gauge';
  unit: string;
  help: string;
  labels: readonly string[];
}

export const SELF_METRICS = {
  up: {
    name: 'powervm_up',
    kind: 'gauge',
    unit: '',
    help: 'Whether the console answered the last logon and discovery (1) or not (0).',
    labels: ['hmc'],
  },
  systemUp: {
    name: 'powervm_system_up',
    kind: 'gauge',
    unit: '',
    help: "Whether the last poll of the managed system's performance data succeeded (1) or not (0).",
    labels: ['hmc', 'system'],
  },
  buildInfo: {
    name: 'powervm_build_info',
    kind: 'gauge',
    unit: '',
    help: 'Version of powervm-exporter and of the Node.js running it (value 1).',
    labels: ['version', 'nodejs_version'],
  },
  consoleTls: {
    name: 'powervm_console_tls_info',
    kind: 'gauge',
    unit: '',
    help: "How the console's certificate is checked (value 1): verified (CA chain and host name), pinned (SHA-256 of the exact certificate), off (--insecure: unverified) or plaintext (http).",
    labels: ['hmc', 'verification'],
  },
  sampleAge: {
    name: 'powervm_sample_age_seconds',
    kind: 'gauge',
    unit: 's',
    help: "Age of the newest PCM sample read from the managed system (now − the sample's timestamp).",
    labels: ['hmc', 'system'],
  },
  collectDuration: {
    name: 'powervm_collect_duration_seconds',
    kind: 'gauge',
    unit: 's',
    help: "Duration of the last poll of the managed system's performance data.",
    labels: ['hmc', 'system'],
  },
  consoleRequests: {
    name: 'powervm_console_requests_total',
    kind: 'counter',
    unit: '{request}',
    help: 'Requests sent to the console, by HTTP status code or failure kind (timeout, network, tls).',
    labels: ['hmc', 'code'],
  },
  pcmEnabled: {
    name: 'powervm_pcm_enabled',
    kind: 'gauge',
    unit: '',
    help: 'Performance monitoring switches of the managed system (monitor = ltm, compute_ltm, stm, aggregation).',
    labels: ['hmc', 'system', 'monitor'],
  },
  readingIssues: {
    name: 'powervm_reading_issues_total',
    kind: 'counter',
    unit: '{issue}',
    help: 'Data problems met while reading samples: missing fields, counter resets, samples out of order.',
    labels: ['hmc', 'system', 'problem'],
  },
} as const satisfies Record<string, SelfMetric>;

/**
 * Metrics the sinks report about themselves (through Sink.stats), rendered with the self-metrics.
 * Labels beyond those listed are not allowed; values are cumulative for counters.
 */
export const SINK_METRICS = {
  renderFailures: {
    name: 'powervm_render_failures_total',
    kind: 'counter',
    unit: '{rendering}',
    help: 'Renderings of /metrics that failed; the previous rendering stays served.',
    labels: [],
  },
  otlpPushFailures: {
    name: 'powervm_otlp_push_failures_total',
    kind: 'counter',
    unit: '{push}',
    help: 'OTLP pushes that failed.',
    labels: [],
  },
  ceilometerPublished: {
    name: 'powervm_ceilometer_samples_published_total',
    kind: 'counter',
    unit: '{sample}',
    help: 'Ceilometer samples confirmed by the broker (or accepted by the HTTP or file publisher).',
    labels: ['publisher'],
  },
  ceilometerBatches: {
    name: 'powervm_ceilometer_batches_total',
    kind: 'counter',
    unit: '{batch}',
    help: 'Batches of Ceilometer samples sent, by outcome (ok, failed).',
    labels: ['publisher', 'outcome'],
  },
  ceilometerDropped: {
    name: 'powervm_ceilometer_samples_dropped_total',
    kind: 'counter',
    unit: '{sample}',
    help: 'Ceilometer samples that were never delivered, by reason (queue_full, rejected, unmapped, …).',
    labels: ['publisher', 'reason'],
  },
  ceilometerQueue: {
    name: 'powervm_ceilometer_queue_samples',
    kind: 'gauge',
    unit: '{sample}',
    help: 'Ceilometer samples waiting for delivery.',
    labels: ['publisher'],
  },
  ceilometerLpars: {
    name: 'powervm_ceilometer_lpars',
    kind: 'gauge',
    unit: '{lpar}',
    help: 'LPARs in the last Ceilometer cycle, by mapping to an OpenStack instance (mapped, unmapped_sent, unmapped_skipped).',
    labels: ['mapping'],
  },
} as const satisfies Record<string, SelfMetric>;

export type SinkMetric = keyof typeof SINK_METRICS;
