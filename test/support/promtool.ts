import { spawnSync } from 'node:child_process';

function promtoolPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('promtool not found: install Debian package "prometheus" (CI: .ci/run does this)');
  }
  return found.stdout.trim();
}

/**
 * Runs Debian's promtool and returns its standard output; a non-zero exit throws with what it
 * printed, so a failing check names its problem in the test report.
 */
export function promtool(args: string[], options: { input?: string; cwd?: string } = {}): string {
  const run = spawnSync(promtoolPath(), args, { ...options, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`promtool ${args.join(' ')} exited ${run.status}:\n${run.stdout}${run.stderr}`);
  }
  return run.stdout;
}
