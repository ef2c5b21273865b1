import { existsSync } from 'node:fs';
import type * as ServeModule from '../../src/cli/commands/serve.js';
import type * as HeapGrowthModule from '../../src/cli/heap-growth.js';
import type * as CollectorModule from '../../src/collector/index.js';
import type * as MetricsModule from '../../src/metrics/index.js';
import type * as SimulatorModule from '../../src/simulator/index.js';
import type * as OtelModule from '../../src/sinks/otel/index.js';
import type * as SelfObservations from '../../src/sinks/otel/self-observations.js';
import type * as TableObservations from '../../src/sinks/otel/table-observations.js';

// The scrape benchmark runs the JavaScript that ships: tsc's output in dist/ (npm run bench builds
// it first), typed against src/. See bench/inspector/product.ts for why not src/ through tsx.
const DIST = new URL('../../dist/', import.meta.url);
const load = async <T>(file: string): Promise<T> => {
  const url = new URL(file, DIST);
  if (!existsSync(url)) throw new Error(`dist/ has no ${file}: run \`npm run build\` (npm run bench does)`);
  return (await import(url.href)) as T;
};

export const { startSimulator } = await load<typeof SimulatorModule>('simulator/index.js');
export const { Collector } = await load<typeof CollectorModule>('collector/index.js');
export const {
  ThreadedOtelSink,
  createExporterServer,
  measureRender,
  EXPOSITION_GZIP_OPTIONS,
  expositionText,
} = await load<typeof OtelModule>('sinks/otel/index.js');
// The sink renders as often as serve lets it.
export const { PCM_CADENCE_MS, SERVE_RENDERING } = await load<typeof ServeModule>('cli/commands/serve.js');
export const { tightenHeapGrowth } = await load<typeof HeapGrowthModule>('cli/heap-growth.js');
export const { METRICS, SELF_METRICS, SINK_METRICS, IDENTITY_LABELS } =
  await load<typeof MetricsModule>('metrics/index.js');
// The baseline observes the very series the sink does, through the sink's own walk of the state.
export const { labelledEntities, observeRow } = await load<typeof TableObservations>(
  'sinks/otel/table-observations.js',
);
export const { SELF_OBSERVERS } = await load<typeof SelfObservations>('sinks/otel/self-observations.js');
