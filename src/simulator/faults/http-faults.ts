import type { ServerResponse } from 'node:http';
import type { HttpFaultKind } from './fault-model.js';

/** What is about to be written: status, headers and body of the normal answer. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const GARBAGE = '<<\u0000{{ injected garbage ]]>';
const PROXY_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the console.</p></body></html>\n';
const PAD_CHUNK = ' '.repeat(64 * 1024);

/** Bodies that lie about themselves: still a 200 with a plausible length. */
const BODY_EDITS: Partial<Record<HttpFaultKind, (answer: Answer) => Answer>> = {
  truncate: (a) => ({ ...a, body: a.body.slice(0, Math.floor(a.body.length / 2)) }),
  malformed: (a) => {
    const middle = Math.floor(a.body.length / 2);
    return { ...a, body: a.body.slice(0, middle) + GARBAGE + a.body.slice(middle) };
  },
  'content-type': (a) => ({
    status: 200,
    headers: { ...a.headers, 'Content-Type': 'text/html; charset=utf-8' },
    body: PROXY_PAGE,
  }),
};

/** Writes a normal answer. */
export function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

/**
 * Writes `answer` as the fault says. `refuse`, `status` and `empty` are decided before the request is
 * handled (see the server); the rest spoil or slow down the normal answer.
 */
export async function sendFaulty(
  res: ServerResponse,
  kind: HttpFaultKind,
  answer: Answer,
  params: { ms?: number | undefined; bytes?: number | undefined },
): Promise<void> {
  const edit = BODY_EDITS[kind];
  if (edit) return send(res, edit(answer));
  const length = Buffer.byteLength(answer.body);
  switch (kind) {
    case 'delay':
      await sleep(params.ms ?? 0);
      return send(res, answer);
    case 'hang':
      // A promise of the whole body, then a few bytes of it, then silence until the client gives up.
      res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(length) });
      res.write(answer.body.slice(0, 16));
      return;
    case 'reset':
      res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(length) });
      res.write(answer.body.slice(0, Math.floor(answer.body.length / 2)), () => res.socket?.destroy());
      return;
    case 'huge':
      return sendPadded(res, answer, params.bytes ?? 0);
    default:
      return send(res, answer);
  }
}

/** The body, then `bytes` of whitespace (legal after a JSON value or an XML root), written as the client reads. */
async function sendPadded(res: ServerResponse, answer: Answer, bytes: number): Promise<void> {
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Length': String(Buffer.byteLength(answer.body) + bytes),
  });
  res.write(answer.body);
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const chunk = left >= PAD_CHUNK.length ? PAD_CHUNK : PAD_CHUNK.slice(0, left);
    left -= chunk.length;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
