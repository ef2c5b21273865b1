import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { errorReply, type Reply } from './reply.js';
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
  const context = { path: url.pathname, headers: req.headers, now: state.clock() };
  let reply: Reply;
  try {
    const body = await readBody(req);
    const segments = url.pathname.startsWith(API_PREFIX)
      ? decodeSegments(url.pathname.slice(API_PREFIX.length))
      : undefined;
    if (body === undefined) reply = errorReply(context, 413, 'The request body is too large');
    else if (!segments) reply = errorReply(context, 404, `No resource at ${url.pathname}`);
    else {
      const baseUrl = `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
      reply = dispatch({ ...context, method: req.method ?? 'GET', segments, body, baseUrl }, state);
    }
  } catch (error) {
    reply = errorReply(context, 500, `Internal error in the simulator: ${(error as Error).message}`);
  }
  res.writeHead(reply.status, {
    'X-MC-Type': state.mcType,
    'X-HMC-Schema-Version': 'V1_3_0',
    ...reply.headers,
  });
  res.end(reply.body);
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
