import { readFile } from 'node:fs/promises';
import http from 'node:http';
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { parseHttpErrorResponse } from './atom.js';
import { consoleHttpsAgent, PIN_MISMATCH, type ConsoleTls } from './console-tls.js';
import { ConsoleError, FormatError, type ErrorPlace } from './errors.js';
import { logonRequestBody, parseLogonResponse } from './inventory.js';

export interface ConsoleConnection {
  /** Short name for logs, errors and the `hmc` label; defaults to the URL's host. */
  name: string;
  /** e.g. `https://hmc1.example.com:12443` */
  url: string;
  user: string;
  /** Undefined selects NovaLink's local file-based logon (§2.2). */
  password?: string | undefined;
  tls?: ConsoleTls;
  /** Deadline of one request, response body included. */
  timeoutMs?: number;
  /** Largest body read; bigger answers fail instead of exhausting memory. */
  maxBodyBytes?: number;
  /** Written to the console's audit log with every request (X-Audit-Memento). */
  auditMemento?: string;
  /** Told about every answered or failed request, for the console_requests metric. */
  onRequest?: (code: string) => void;
}

export interface ConsoleRequest {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  accept: string;
  headers?: Record<string, string>;
  body?: string;
  place: ErrorPlace;
}

export interface ConsoleResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

const LOGON_PATH = '/rest/api/web/Logon';
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * One long-lived session with one console (HMC or NovaLink). Logs on lazily, re-logs on once when
 * a request meets 401 (the token expired or the console restarted), and shares a single logon among
 * concurrent requests so a burst of 401s does not become a burst of logons (§2.6).
 */
export class ConsoleSession {
  readonly name: string;
  private readonly http: AxiosInstance;
  private token: string | undefined;
  private logonInFlight: Promise<string> | undefined;
  private closed = false;
  private readonly maxBodyBytes: number;
  /** `HMC` or `PVM` (NovaLink), from the logon answer's X-MC-Type header. */
  consoleType: string | undefined;

  constructor(private readonly connection: ConsoleConnection) {
    this.name = connection.name;
    const maxBody = connection.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.maxBodyBytes = maxBody;
    this.http = axios.create({
      baseURL: connection.url.replace(/\/+$/, ''),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: maxBody,
      maxBodyLength: maxBody,
      maxRedirects: 0,
      httpAgent: new http.Agent({ keepAlive: true }),
      httpsAgent: consoleHttpsAgent(connection.tls),
    });
  }

  async request(request: ConsoleRequest): Promise<ConsoleResponse> {
    const token = await this.currentToken(request.place);
    const response = await this.send(request, token);
    if (response.status !== 401) return this.checked(response, request);
    // The token was refused. Log on again unless someone already did, then retry exactly once.
    const fresh = this.token !== token && this.token ? this.token : await this.logon(request.place, token);
    const retried = await this.send(request, fresh);
    if (retried.status === 401) {
      throw new ConsoleError('auth', 'refused (401) even with a brand-new session token', request.place, 401);
    }
    return this.checked(retried, request);
  }

  /** Ends the session on the console; later requests fail instead of logging on again. */
  async logoff(): Promise<void> {
    this.closed = true;
    const token = this.token;
    this.token = undefined;
    if (!token) return;
    try {
      await this.http.request({
        method: 'DELETE',
        url: LOGON_PATH,
        headers: this.headers('*/*', token),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      // Logging off is a courtesy; the console expires the session by itself.
    }
  }

  private async currentToken(place: ErrorPlace): Promise<string> {
    if (this.closed) throw new ConsoleError('auth', 'session was logged off', place);
    return this.token ?? this.logon(place, undefined);
  }

  private logon(place: ErrorPlace, refused: string | undefined): Promise<string> {
    if (this.token && this.token !== refused) return Promise.resolve(this.token);
    this.logonInFlight ??= this.performLogon({ console: place.console }).finally(() => {
      this.logonInFlight = undefined;
    });
    return this.logonInFlight;
  }

  private async performLogon(place: ErrorPlace): Promise<string> {
    const response = await this.send(
      {
        method: 'PUT',
        path: LOGON_PATH,
        accept: 'application/vnd.ibm.powervm.web+xml; type=LogonResponse',
        headers: { 'Content-Type': 'application/vnd.ibm.powervm.web+xml; type=LogonRequest' },
        body: logonRequestBody(this.connection.user, this.connection.password),
        place,
      },
      undefined,
    );
    if (response.status === 401 || response.status === 403) {
      throw new ConsoleError(
        'auth',
        `logon as '${this.connection.user}' refused (${response.status})`,
        place,
        response.status,
      );
    }
    this.checked(response, { path: LOGON_PATH, place });
    this.consoleType = response.headers['x-mc-type'] ?? 'HMC';
    let result;
    try {
      result = parseLogonResponse(response.body);
    } catch (error) {
      throw new ConsoleError('format', `logon answer: ${(error as Error).message}`, place);
    }
    this.token = 'token' in result ? result.token : await readTokenFile(result.tokenFile, place);
    return this.token;
  }

  private async send(request: ConsoleRequest, token: string | undefined): Promise<ConsoleResponse> {
    const timeout = this.connection.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const exchange = (): Promise<AxiosResponse<string>> =>
      this.http.request<string>({
        method: request.method ?? 'GET',
        url: request.path,
        headers: { ...this.headers(request.accept, token), ...request.headers },
        data: request.body,
        signal: AbortSignal.timeout(timeout),
      });
    try {
      const response = await exchange().catch((error: unknown) => {
        // The console closed a kept-alive connection just as we reused it (its idle timer fired
        // late, under load): a GET goes once more, on a new connection, as Node's http docs advise.
        // Against a busy console this failed a poll or two of every burst of systems.
        if ((request.method ?? 'GET') !== 'GET' || !closedWhileIdle(error)) throw error;
        return exchange();
      });
      this.connection.onRequest?.(String(response.status));
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(response.headers)) {
        if (typeof value === 'string') headers[key.toLowerCase()] = value;
      }
      return {
        status: response.status,
        headers,
        body: typeof response.data === 'string' ? response.data : '',
      };
    } catch (error) {
      const failure = transportError(error, request.place, timeout, this.maxBodyBytes);
      this.connection.onRequest?.(failure.kind);
      throw failure;
    }
  }

  private headers(accept: string, token: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: accept,
      'X-Audit-Memento': this.connection.auditMemento ?? 'powervm-exporter',
    };
    if (token) headers['X-API-Session'] = token;
    return headers;
  }

  /** Maps a non-success status to a typed error carrying the console's own message. */
  private checked(
    response: ConsoleResponse,
    request: Pick<ConsoleRequest, 'path' | 'place'>,
  ): ConsoleResponse {
    const { status } = response;
    if (status >= 200 && status < 300) return response;
    const server = parseHttpErrorResponse(response.body);
    const said = server?.message ? `: ${server.message.trim()}` : '';
    if (status === 403) {
      throw new ConsoleError(
        'pcm-disabled',
        `forbidden (403) on ${request.path}: performance monitoring is not enabled for this system, or the user lacks the role${said}`,
        request.place,
        403,
      );
    }
    throw new ConsoleError(
      'http',
      `unexpected status ${status} on ${request.path}${said}`,
      request.place,
      status,
    );
  }
}

async function readTokenFile(path: string, place: ErrorPlace): Promise<string> {
  let token: string;
  try {
    token = (await readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : (code ?? 'unreadable');
    throw new ConsoleError(
      'auth',
      `session token file ${path}: ${why} (file logon only works on the NovaLink partition)`,
      place,
    );
  }
  if (!token) throw new ConsoleError('auth', `session token file ${path} is empty`, place);
  return token;
}

/** A reset on a reused keep-alive connection: the console had closed it, not refused the request. */
function closedWhileIdle(error: unknown): boolean {
  if (!(error instanceof AxiosError) || error.code !== 'ECONNRESET') return false;
  return (error.request as { reusedSocket?: boolean } | undefined)?.reusedSocket === true;
}

function transportError(
  error: unknown,
  place: ErrorPlace,
  timeoutMs: number,
  maxBodyBytes: number,
): ConsoleError {
  if (error instanceof ConsoleError) return error;
  if (error instanceof FormatError) return new ConsoleError('format', error.message, place);
  const axiosError = error instanceof AxiosError ? error : undefined;
  const code = axiosError?.code ?? (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const cause = (axiosError?.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === PIN_MISMATCH || cause === PIN_MISMATCH) {
    return new ConsoleError('tls', axiosError?.message ?? String(error), place);
  }
  if (TLS_CODES.has(code) || TLS_CODES.has(cause)) {
    return new ConsoleError(
      'tls',
      `certificate not trusted (${TLS_CODES.has(code) ? code : cause}); give the console's CA certificate (ca_file) or its certificate's SHA-256 fingerprint (tls_pin_sha256), or opt out of verification explicitly`,
      place,
    );
  }
  if (
    code === 'ERR_CANCELED' ||
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    /abort|timeout/i.test(String(code))
  ) {
    return new ConsoleError('timeout', `no complete answer within ${timeoutMs} ms`, place);
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(axiosError?.message ?? '')) {
    return new ConsoleError(
      'format',
      `answer larger than the maximum body size (${maxBodyBytes} bytes); stopped reading`,
      place,
    );
  }
  const message = axiosError?.message ?? (error instanceof Error ? error.message : String(error));
  return new ConsoleError(
    'network',
    code && !message.includes(code) ? `${code}: ${message}` : message,
    place,
  );
}
