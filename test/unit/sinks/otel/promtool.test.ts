import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderExposition } from '../../../../src/sinks/otel/index.js';
import { console, SAMPLE_TIME, state, system } from './support/states.js';

function promtoolPath(): string {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error('promtool not found: install Debian package "prometheus" (CI: .ci/run does this)');
  }
  return found.stdout.trim();
}

describe('promtool check metrics', () => {
  it('accepts a rendering of a full estate (every row and self-metric)', async () => {
    const estate = state([console('hmc1', [system('sys1'), system('sys2', { up: false })])]);
    const text = await renderExposition(estate, SAMPLE_TIME);
    // Exits non-zero on a format error or a lint problem (names, units, help), printing it.
    const output = execFileSync(promtoolPath(), ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(output).toBe('');
  });
});
