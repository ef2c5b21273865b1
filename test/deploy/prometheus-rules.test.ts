/**
 * Every rule file in deploy/prometheus/ checked by Debian's promtool, every rule test there run by
 * it, and every metric a rule reads looked up in the exporter's own metric table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { METRICS, SELF_METRICS, SINK_METRICS } from '../../src/metrics/index.js';
import { runTool } from '../support/run-tool.js';

const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy/prometheus');
const TESTS_DIR = path.join(RULES_DIR, 'tests');

const ruleFiles = readdirSync(RULES_DIR).filter((name) => name.endsWith('.rules.yml'));
const testFiles = readdirSync(TESTS_DIR).filter((name) => name.endsWith('.test.yml'));

const promtool = (args: string[], cwd: string) => runTool('promtool', args, cwd);

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

const rulesOf = (file: string) =>
  (parse(readFileSync(path.join(RULES_DIR, file), 'utf8')) as RuleFile).groups.flatMap((g) => g.rules);

describe('deploy/prometheus rule files', () => {
  it('there are alerting rules and tests for them', () => {
    expect(ruleFiles).toContain('powervm-alerts.rules.yml');
    expect(testFiles).toContain('alerts.test.yml');
  });

  it.each(ruleFiles)('promtool check rules %s', async (file) => {
    const { code, output } = await promtool(['check', 'rules', file], RULES_DIR);
    expect(code, output).toBe(0);
  });

  it.each(testFiles)('promtool test rules tests/%s', async (file) => {
    const { code, output } = await promtool(['test', 'rules', file], TESTS_DIR);
    expect(code, output).toBe(0);
  });

  it.each(ruleFiles)('%s reads only metrics the exporter exposes (or records itself)', (file) => {
    const recorded = ruleFiles.flatMap(rulesOf).flatMap((rule) => (rule.record ? [rule.record] : []));
    const known = new Set([
      ...METRICS.map((row) => row.name),
      ...Object.values(SELF_METRICS).map((metric) => metric.name),
      ...Object.values(SINK_METRICS).map((metric) => metric.name),
      ...recorded,
    ]);
    for (const rule of rulesOf(file)) {
      const used = rule.expr.match(/\bpowervm_[a-z0-9_:]+/g) ?? [];
      expect(used.length, `${rule.alert ?? rule.record}: reads no powervm_ metric`).toBeGreaterThan(0);
      for (const name of used) expect(known.has(name), `${rule.alert ?? rule.record}: ${name}`).toBe(true);
    }
  });

  it('every alert has a severity, a summary and a description naming where it happens', () => {
    const alerts = ruleFiles.flatMap(rulesOf).filter((rule) => rule.alert);
    expect(alerts.length).toBeGreaterThanOrEqual(8);
    for (const rule of alerts) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(critical|warning|info)$/);
      expect(rule.for, `${rule.alert}: for`).toMatch(/^\d+m$/);
      expect(rule.annotations?.summary, rule.alert).toMatch(/\{\{ \$labels\.(hmc|system) \}\}/);
      expect(rule.annotations?.description, rule.alert).toContain('{{ $labels.hmc }}');
    }
  });
});
