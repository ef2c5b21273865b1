import { execFile } from 'node:child_process';

/**
 * Runs a command-line tool (promtool, systemd-analyze…) and gives its exit code with everything it
 * printed, so a failed assertion shows the tool's own words.
 */
export function runTool(
  command: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      const hint = missing ? `${command} not found: install its Debian package (.ci/run does)\n` : '';
      resolve({ code, output: `${hint}${stdout}${stderr}` });
    });
  });
}
