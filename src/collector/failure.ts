import { ConsoleError } from '../powervm/index.js';
import type { Failure } from './state.js';

/** A console error as the state reports it; anything else is a bug of ours, kind `internal`. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ConsoleError) return { kind: error.kind, message: error.message };
  return {
    kind: 'internal',
    message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
  };
}
