import { ConsoleError } from '../powervm/index.js';
import type { Failure } from './state.js';

/** A console error as the state reports it; anything else is a bug of ours, kind `internal`. */
export function failureOf(error: unknown): Failure {
  if (error instanceof ConsoleError)
    return { kind: error.kind, message: error.message, status: error.status };
  return {
    kind: 'internal',
    message: `internal error: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/**
 * What makes two failures the same state, for logging once per state change: the kind and status,
 * not the message, which names the file and so changes with every sample while a fault lasts.
 * `internal` failures keep their message: each distinct bug deserves its own line.
 */
export function failureState(failure: Failure): string {
  return failure.kind === 'internal'
    ? `internal:${failure.message}`
    : `${failure.kind}:${failure.status ?? ''}`;
}
