/**
 * Faults the simulated console can be told to commit: a kind, a scope and a few parameters, as
 * plain data so tests, the control endpoint and the soak run all speak the same language.
 */

/** Faults in how the console answers a request (they apply to requests in scope). */
export const HTTP_FAULTS = [
  'refuse', // the connection is closed without an answer: the console is down
  'status', // an HttpErrorResponse with `status` (403 PCM off, 404, 500, 503, …)
  'empty', // 204 No Content
  'delay', // the normal answer, `ms` late
  'hang', // headers and the first bytes, then nothing, ever
  'reset', // headers and half the body, then the connection is reset
  'truncate', // half the body, sent as if complete
  'malformed', // the body with garbage in its middle
  'content-type', // an HTML page (text/html), as a proxy in the way would answer
  'huge', // the normal body followed by `bytes` of whitespace
] as const;

/** Faults in what the console says (they apply to systems in scope, until cleared). */
export const DATA_FAULTS = [
  'clock-skew', // the console's clock is `ms` off (console-wide)
  'omit-files', // the LTM feed leaves out files whose category matches `category` (a regex)
  'duplicate', // the LTM feed lists every entry twice
  'withhold', // the LTM feed leaves out its newest `count` instants: the newest sample goes back in time
  'time-shift', // the LTM feed dates its entries `ms` off: samples from the future or the distant past
  'hide-system', // the system is gone from the console
  'hide-lpar', // the LPAR `lpar` is gone from the phyp files
  'hide-adapters', // the LPAR `lpar` has no network or storage adapters in the phyp files
] as const;

/** Things that happen once, at the moment they are injected, and stay in the console's history. */
export const EVENTS = [
  'lpar-reboot', // the LPAR's counters restart from zero
  'lpar-migrate', // live partition mobility to system `to`: gone from its system, counting from zero there
] as const;

export type HttpFaultKind = (typeof HTTP_FAULTS)[number];
export type DataFaultKind = (typeof DATA_FAULTS)[number];
export type EventKind = (typeof EVENTS)[number];
export type FaultKind = HttpFaultKind | DataFaultKind | EventKind;

export interface Fault {
  kind: FaultKind;
  /** Name or UUID of one managed system; absent: the whole console. */
  system?: string;
  /** HTTP faults only: a regular expression the request path must match. */
  path?: string;
  /** HTTP faults only: cleared after the first request it hits. */
  once?: boolean;
  status?: number;
  ms?: number;
  bytes?: number;
  category?: string;
  count?: number;
  /** LPAR name or UUID. */
  lpar?: string;
  /** Destination system (name or UUID) of a migration. */
  to?: string;
}

type Param = Exclude<keyof Fault, 'kind'>;

/** The parameters each kind needs; scope fields (system, path, once) are checked separately. */
const REQUIRED: Readonly<Record<FaultKind, readonly Param[]>> = {
  refuse: [],
  status: ['status'],
  empty: [],
  delay: ['ms'],
  hang: [],
  reset: [],
  truncate: [],
  malformed: [],
  'content-type': [],
  huge: ['bytes'],
  'clock-skew': ['ms'],
  'omit-files': ['category'],
  duplicate: [],
  withhold: ['count'],
  'time-shift': ['ms'],
  'hide-system': ['system'],
  'hide-lpar': ['lpar'],
  'hide-adapters': ['lpar'],
  'lpar-reboot': ['lpar'],
  'lpar-migrate': ['lpar', 'to'],
};

const NUMBERS = new Set<Param>(['status', 'ms', 'bytes', 'count']);
const STRINGS = new Set<Param>(['system', 'path', 'category', 'lpar', 'to']);
const KINDS = Object.keys(REQUIRED) as FaultKind[];

export function isHttpFault(kind: FaultKind): kind is HttpFaultKind {
  return (HTTP_FAULTS as readonly string[]).includes(kind);
}

export function isEvent(kind: FaultKind): kind is EventKind {
  return (EVENTS as readonly string[]).includes(kind);
}

/** Checks a fault given as JSON; throws an Error naming the field and what was wrong. */
export function parseFault(value: unknown, where = 'fault'): Fault {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object like {"kind": "status", "status": 503}`);
  }
  const record = value as Record<string, unknown>;
  const kind = record['kind'];
  if (typeof kind !== 'string' || !KINDS.includes(kind as FaultKind)) {
    throw new Error(`${where}.kind: expected one of ${KINDS.join(', ')}, not ${JSON.stringify(kind)}`);
  }
  const fault: Fault = { kind: kind as FaultKind };
  for (const [key, field] of Object.entries(record)) {
    if (key === 'kind' || field === undefined) continue; // JavaScript callers may leave a field undefined
    const param = key as Param;
    if (param === 'once' && typeof field === 'boolean') fault.once = field;
    else if (NUMBERS.has(param) && typeof field === 'number' && Number.isFinite(field))
      (fault as unknown as Record<string, number>)[param] = field;
    else if (STRINGS.has(param) && typeof field === 'string' && field !== '')
      (fault as unknown as Record<string, string>)[param] = field;
    else throw new Error(`${where}.${key}: not a parameter of a fault, or of the wrong type`);
  }
  for (const param of REQUIRED[fault.kind]) {
    if (fault[param] === undefined) throw new Error(`${where}: a ${fault.kind} fault needs '${param}'`);
  }
  if (!isHttpFault(fault.kind) && (fault.path !== undefined || fault.once !== undefined)) {
    throw new Error(`${where}: 'path' and 'once' only apply to HTTP faults (${HTTP_FAULTS.join(', ')})`);
  }
  if (fault.path !== undefined) compilePattern(fault.path, `${where}.path`);
  if (fault.category !== undefined) compilePattern(fault.category, `${where}.category`);
  if (
    fault.status !== undefined &&
    (!Number.isInteger(fault.status) || fault.status < 200 || fault.status > 599)
  )
    throw new Error(`${where}.status: expected an HTTP status 200–599, not ${fault.status}`);
  for (const param of ['bytes', 'count'] as const) {
    const n = fault[param];
    if (n !== undefined && (!Number.isInteger(n) || n < 0))
      throw new Error(`${where}.${param}: expected a whole number ≥ 0, not ${n}`);
  }
  if (fault.kind === 'delay' && (fault.ms ?? 0) < 0)
    throw new Error(`${where}.ms: a delay cannot be negative`);
  return fault;
}

export function compilePattern(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new Error(`${where}: not a regular expression: ${(error as Error).message}`);
  }
}
