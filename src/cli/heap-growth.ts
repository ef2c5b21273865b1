import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets a heap grow past what its last full collection found alive, in percent (V8's
 * own choice is dynamic, up to 300 %). Rendering a large estate allocates in bursts, and with
 * V8's default the rendering thread's heap reached several times its live size: at 10 × 1,000
 * LPARs the process peaked near 860 MiB with under 250 MiB alive, and held to this near 510 MiB
 * (measured before the heaps lost the phyp texts and adapter copies they kept; docs/benchmarks.md
 * has today's peak), for more frequent full collections.
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Applies HEAP_GROWING_PERCENT to every heap of the process, the worker threads' included. V8
 * reads the flag each time it sets a heap's next limit, so setting it at start-up, before the
 * heaps have grown, takes effect.
 */
export function tightenHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
