import { UsageError } from '../usage-error.js';

/**
 * Include/exclude rules for systems and LPARs. A pattern written `/…/flags` is a regular
 * expression (searched, not anchored); anything else must equal the name exactly.
 */
export interface NameFilter {
  include: readonly string[];
  exclude: readonly string[];
}

export type NameTest = (...names: string[]) => boolean;

export function compileFilter(filter: NameFilter | undefined, where: string): NameTest {
  const include = (filter?.include ?? []).map((p, i) => compilePattern(p, `${where}.include[${i}]`));
  const exclude = (filter?.exclude ?? []).map((p, i) => compilePattern(p, `${where}.exclude[${i}]`));
  // A system is known by name and UUID: a rule matching either applies.
  return (...names) =>
    (include.length === 0 || include.some((test) => names.some(test))) &&
    !exclude.some((test) => names.some(test));
}

function compilePattern(pattern: string, where: string): (name: string) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (!regex) return (name) => name === pattern;
  try {
    const compiled = new RegExp(regex[1]!, regex[2]);
    return (name) => compiled.test(name);
  } catch (error) {
    throw new ConfigError(`${where}: invalid regular expression ${pattern}: ${(error as Error).message}`);
  }
}

export class ConfigError extends UsageError {}
