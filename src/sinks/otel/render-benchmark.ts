import { performance } from 'node:perf_hooks';
import type { CollectorState } from '../../collector/index.js';
import { renderCycle, renderExposition } from './render.js';

export interface RenderTiming {
  /** Samples (non-comment lines) in one rendering. */
  series: number;
  bytes: number;
  /** Medians over the timed runs, in ms. */
  wallMs: number;
  cpuMs: number;
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Times one rendering of a state as the sink renders it, to bytes (wall and process CPU, which
 * includes the garbage collector's threads): one warm-up run, then the median of `runs`. For `npm run bench` and for comparing
 * with other ways of producing the same exposition.
 */
export async function measureRender(
  state: CollectorState,
  runs = 5,
  time = Date.now(),
): Promise<RenderTiming> {
  const text = await renderExposition(state, time);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    // To bytes, as a scrape would get them uncompressed: what prom-client's metrics() is compared with.
    const chunks: Buffer[] = [];
    await renderCycle({ state, time }, (chunk) => void chunks.push(chunk));
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  return { series, bytes: Buffer.byteLength(text), wallMs: median(wall), cpuMs: median(cpu) };
}
