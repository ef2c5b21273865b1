/**
 * Typed failures of a console conversation. Every error names the console and, where known, the
 * managed system and the file, so one log line tells an operator where to look. Messages never
 * carry credentials or session tokens: callers build them from URLs and server text only.
 */
export type ConsoleErrorKind =
  | 'auth' // 401 on logon, or 401 again on a brand-new token
  | 'pcm-disabled' // 403 on PCM data: long-term monitoring is off or the user lacks the role
  | 'http' // any other unexpected status
  | 'timeout'
  | 'network' // refused, reset, DNS, TLS handshake
  | 'tls' // certificate verification failed
  | 'format' // body is not what the protocol says (XML/JSON malformed, truncated, wrong type)
  | 'no-data'; // the console answered but has no sample yet

export interface ErrorPlace {
  console: string;
  system?: string | undefined;
  file?: string | undefined;
}

export class ConsoleError extends Error {
  readonly kind: ConsoleErrorKind;
  readonly place: ErrorPlace;
  readonly status: number | undefined;

  constructor(kind: ConsoleErrorKind, detail: string, place: ErrorPlace, status?: number) {
    super(`${describePlace(place)}: ${detail}`);
    this.name = 'ConsoleError';
    this.kind = kind;
    this.place = place;
    this.status = status;
  }
}

export function describePlace(place: ErrorPlace): string {
  const parts = [`console ${place.console}`];
  if (place.system) parts.push(`system ${place.system}`);
  if (place.file) parts.push(`file ${place.file}`);
  return parts.join(', ');
}

/** A document that does not match the PCM/Atom format; `path` is where inside it (e.g. `lparsUtil[3].uuid`). */
export class FormatError extends Error {
  readonly path: string;
  constructor(detail: string, path = '') {
    super(path ? `${detail} (at ${path})` : detail);
    this.name = 'FormatError';
    this.path = path;
  }
}
