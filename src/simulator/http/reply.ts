import { atomTime } from '../time-format.js';
import { uuidFor } from '../prng.js';
import { ATOM_ROOT_ATTRS, CONSOLE_NAME, objectRoot, leaf, WEB_NS } from '../xml.js';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** What an error body needs to know about the request it answers. */
export interface ErrorContext {
  path: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  now: number;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  500: 'Unknown internal error.',
  503: 'Service Unavailable',
};

/** Every failure is an Atom entry wrapping a web-namespace HttpErrorResponse, like fake_httperror.txt. */
export function errorReply(ctx: ErrorContext, status: number, message: string): Reply {
  const body = [
    leaf('HTTPStatus', status),
    leaf('RequestURI', ctx.path),
    leaf('ReasonCode', REASONS[status] ?? 'Error'),
    leaf('Message', message, 'ROO'),
    '<RequestBody kb="ROO" kxe="false"/>',
    leaf('RequestHeaders', requestHeadersText(ctx.headers), 'ROO'),
  ].join('\n    ');
  const xml =
    `<entry ${ATOM_ROOT_ATTRS}>\n` +
    `    <id>${uuidFor('error', ctx.path, ctx.now)}</id>\n` +
    '    <title>HttpErrorResponse</title>\n' +
    `    <published>${atomTime(ctx.now)}</published>\n` +
    `    <author>\n        <name>${CONSOLE_NAME}</name>\n    </author>\n` +
    '    <content type="application/vnd.ibm.powervm.web+xml; type=HttpErrorResponse">\n        ' +
    objectRoot('HttpErrorResponse', WEB_NS, 'V1_2_0', undefined, body) +
    '\n    </content>\n</entry>\n';
  return { status, headers: { 'Content-Type': 'application/atom+xml' }, body: xml };
}

/** The console echoes the request headers in Java map syntax, with the session token masked. */
function requestHeadersText(headers: ErrorContext['headers']): string {
  const pairs = Object.entries(headers)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${name.toLowerCase() === 'x-api-session' ? '*******' : String(value)}`);
  return `{${pairs.join(', ')}}`;
}

export function xmlReply(body: string, headers: Record<string, string> = {}): Reply {
  return { status: 200, headers: { 'Content-Type': 'application/atom+xml', ...headers }, body };
}

export const NO_CONTENT: Reply = { status: 204 };
