import { existsSync } from 'node:fs';
import type * as Inspector from '../../src/inspector/index.js';
import type * as PcmJson from '../../src/powervm/pcm-json.js';

// The benchmark times the JavaScript that ships: tsc's output in dist/ (npm run bench builds it
// first), typed against src/. Running src/ through tsx instead would time esbuild's output, whose
// keepNames wrapper around every closure the inspector creates costs about 10 % of inspect's time.
const DIST = new URL('../../dist/', import.meta.url);
const PCM_JSON = new URL('powervm/pcm-json.js', DIST);
const INSPECTOR = new URL('inspector/index.js', DIST);
if (!existsSync(PCM_JSON) || !existsSync(INSPECTOR)) {
  throw new Error('dist/ has no build of the inspector: run `npm run build` (npm run bench does)');
}

export const { parsePcmJson } = (await import(PCM_JSON.href)) as typeof PcmJson;
export const { inspect } = (await import(INSPECTOR.href)) as typeof Inspector;
