import { readFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { metricsReference } from '../../src/metrics/index.js';

describe('docs/metrics.md', () => {
  it('is what the table generates (run `npm run docs` after changing src/metrics)', async () => {
    const committed = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    expect(committed).toBe(
      await format(metricsReference(), { parser: 'markdown', singleQuote: true, printWidth: 110 }),
    );
  });
});
