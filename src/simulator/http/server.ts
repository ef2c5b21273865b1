import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { sendFaulty, send } from '../faults/http-faults.js';
import { errorReply, NO_CONTENT, type Reply } from './reply.js';
import type { ConsoleState } from './request.js';
import { dispatch } from './router.js';

const API_PREFIX = '/rest/api/';
const MAX_BODY_BYTES = 1024 * 1024;

interface TlsMaterial {
  cert: string | Buffer;
  key: string | Buffer;
}

export function createConsoleServer(state: ConsoleState, tls: TlsMaterial | undefined): Server {
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    void serve(req, res, state, tls !== undefined);
  };
  return tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  state: ConsoleState,
  secure: boolean,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const fault = state.faults.httpFault(url.pathname);
  if (fault?.kind === 'refuse') {
    req.socket.destroy();
    return;
  }
  const context = { path: url.pathname, headers: req.headers, now: state.faults.now() };
  let reply: Reply;
  try {
    const body = await readBody(req);
    const segments = url.pathname.startsWith(API_PREFIX)
      ? decodeSegments(url.pathname.slice(API_PREFIX.length))
      : undefined;
    if (fault?.kind === 'status') reply = injectedError(context, fault.status ?? 500);
    else if (fault?.kind === 'empty') reply = NO_CONTENT;
    else if (body === undefined) reply = errorReply(context, 413, 'The request body is too large');
    else if (!segments) reply = errorReply(context, 404, `No resource at ${url.pathname}`);
    else {
      const baseUrl = `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
      reply = dispatch({ ...context, method: req.method ?? 'GET', segments, body, baseUrl }, state);
    }
  } catch (error) {
    reply = errorReply(context, 500, `Internal error in the simulator: ${(error as Error).message}`);
  }
  const answer = {
    status: reply.status,
    headers: { 'X-MC-Type': state.mcType, 'X-HMC-Schema-Version': 'V1_3_0', ...reply.headers },
    body: reply.body ?? '',
  };
  if (fault) await sendFaulty(res, fault.kind, answer, fault);
  else send(res, answer);
}

/** What a console says with these statuses, so clients can be checked for passing the message on. */
function injectedError(context: Parameters<typeof errorReply>[0], status: number): Reply {
  const messages: Record<number, string> = {
    403: 'Performance and capacity monitoring is not enabled for this managed system.',
    404: `The resource ${context.path} was not found`,
    500: 'The management console is busy processing some other request. Please try again later.',
    503: 'The service is temporarily unavailable: the management console is starting up.',
  };
  return errorReply(context, status, messages[status] ?? `Injected fault: status ${status}`);
}

/** Clients may percent-encode `*` and `+` in file names; trailing slashes are ignored. */
function decodeSegments(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
