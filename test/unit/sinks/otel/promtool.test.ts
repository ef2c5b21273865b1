import { describe, expect, it } from 'vitest';
import { renderExposition } from '../../../../src/sinks/otel/index.js';
import { promtool } from '../../../support/promtool.js';
import { console, SAMPLE_TIME, state, system } from './support/states.js';

describe('promtool check metrics', () => {
  it('accepts a rendering of a full estate (every row and self-metric)', async () => {
    const estate = state([console('hmc1', [system('sys1'), system('sys2', { up: false })])]);
    const text = await renderExposition(estate, SAMPLE_TIME);
    // Exits non-zero on a format error or a lint problem (names, units, help), printing it.
    expect(promtool(['check', 'metrics'], { input: text })).toBe('');
  });
});
