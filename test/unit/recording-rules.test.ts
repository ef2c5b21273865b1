import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { promtool } from '../support/promtool.js';
import {
  PROMETHEUS_DEPLOY_DIR,
  RECORDING_RULES,
  SCRAPE_CONFIG,
  recordedNames,
} from '../support/prometheus-deploy.js';

const TESTS = path.join(PROMETHEUS_DEPLOY_DIR, 'tests', 'recording.test.yml');

describe('deploy/prometheus/powervm-recording.rules.yml', () => {
  it('passes promtool check rules', () => {
    expect(promtool(['check', 'rules', RECORDING_RULES])).toContain(
      `SUCCESS: ${recordedNames().length} rules found`,
    );
  });

  it('is loaded by the shipped prometheus.yml (rule_files glob)', () => {
    expect(promtool(['check', 'config', SCRAPE_CONFIG])).toContain(`Checking ${RECORDING_RULES}`);
  });

  it('passes its promtool unit tests', () => {
    expect(promtool(['test', 'rules', TESTS], { cwd: PROMETHEUS_DEPLOY_DIR })).toContain('SUCCESS');
  });

  it('has a unit test for every rule, and names that follow level:metric:operations', () => {
    const tests = parse(readFileSync(TESTS, 'utf8')) as { tests: { promql_expr_test: { expr: string }[] }[] };
    const tested = new Set(tests.tests.flatMap((t) => t.promql_expr_test.map((e) => e.expr.trim())));
    for (const name of recordedNames()) {
      expect(tested, name).toContain(name);
      // level = identity labels kept, metric = a powervm metric (or a_per_b ratio), operations.
      expect(name).toMatch(/^hmc_system(_[a-z]+)*:powervm_[a-z_]+:(ratio|ratio_rate5m)$/);
    }
  });
});
