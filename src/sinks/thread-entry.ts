/**
 * The URL to start a worker thread on: the module `name` next to `callerUrl` (the caller's
 * `import.meta.url`). Run from source (tests, tsx) that module is TypeScript, and a worker thread
 * starts as plain Node without tsx's loader (`--import tsx` in a worker's execArgv does not reach
 * its entry point on Node 20), so a small module registers the loader first.
 */
export function threadEntry(callerUrl: string, name: string): URL {
  if (!callerUrl.endsWith('.ts')) return new URL(`./${name}.js`, callerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
