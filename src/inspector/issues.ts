import { numberAt } from '../powervm/index.js';
import type { ReadingIssue } from './readings.js';

/**
 * Collects data problems while reading one sample pair. A missing field gives an absent reading
 * (null) and one issue; it never throws and never becomes zero.
 */
export class IssueLog {
  readonly issues: ReadingIssue[] = [];

  note(scope: string, field: string, problem: ReadingIssue['problem']): void {
    this.issues.push({ scope, field, problem });
  }

  /**
   * A numeric field that the format says is always there; notes it as missing (at `prefix` + key)
   * when it is not. The path is only built on a miss: this runs for every counter of every LPAR.
   */
  required(scope: string, parent: unknown, key: string, prefix = ''): number | null {
    const value = numberAt(parent, key);
    if (value === undefined) {
      this.note(scope, prefix + key, 'missing');
      return null;
    }
    return value;
  }
}

/** A numeric field that may legitimately be absent (optional in the format). */
export function optional(parent: unknown, key: string): number | null {
  return numberAt(parent, key) ?? null;
}
