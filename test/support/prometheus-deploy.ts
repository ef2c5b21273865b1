// Where the shipped Prometheus files live, and what the recording rules record.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const PROMETHEUS_DEPLOY_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../deploy/prometheus',
);
export const SCRAPE_CONFIG = path.join(PROMETHEUS_DEPLOY_DIR, 'prometheus.yml');
export const RECORDING_RULES = path.join(PROMETHEUS_DEPLOY_DIR, 'powervm-recording.rules.yml');

interface RuleFile {
  groups: { name: string; rules: { record?: string; alert?: string; expr: string }[] }[];
}

/** The names the shipped recording rules record. */
export function recordedNames(file = RECORDING_RULES): string[] {
  const rules = parse(readFileSync(file, 'utf8')) as RuleFile;
  return rules.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
}
