import { elementText, esc, WEB_NS, XML_DECLARATION } from '../xml.js';
import { errorReply, NO_CONTENT } from './reply.js';
import { headerValue, type Handler } from './request.js';

/** PUT /rest/api/web/Logon (powervm-pcm.md §2.2): password or, on NovaLink, file-based logon. */
export const logon: Handler = (request, state) => {
  const user = elementText(request.body, 'UserID');
  if (!/<(?:[\w.-]+:)?LogonRequest[\s>]/.test(request.body) || !user) {
    return errorReply(request, 400, 'The request body must be a LogonRequest with a UserID');
  }
  const toFile = elementText(request.body, 'GenerateX-API-SessionFile')?.toLowerCase() === 'true';
  if (toFile && state.mcType === 'HMC') {
    return errorReply(
      request,
      401,
      'File-based authentication is only available on a NovaLink management partition; log on with a password',
    );
  }
  // NovaLink trusts local file-based logons whatever the user name (pypowervm makes up a fresh one).
  const known = state.users[user];
  if (!toFile && known?.password !== elementText(request.body, 'Password')) {
    return errorReply(request, 401, `Logon failed for user ${user}: the user ID or password is not valid`);
  }
  // A local file-based logon runs as root on the NovaLink partition: full rights.
  const session = state.sessions.open(user, toFile, known?.role ?? 'admin');
  const tokenElement = session.file
    ? `<X-API-SessionFile kb="ROR" kxe="false">${esc(session.file)}</X-API-SessionFile>`
    : `<X-API-Session kb="ROR" kxe="false">${session.token}</X-API-Session>`;
  const body =
    `${XML_DECLARATION}\n<LogonResponse xmlns="${WEB_NS}" schemaVersion="V1_1_0">\n` +
    `    <Metadata>\n        <Atom/>\n    </Metadata>\n    ${tokenElement}\n</LogonResponse>\n`;
  return {
    status: 200,
    headers: { 'Content-Type': 'application/vnd.ibm.powervm.web+xml; type=LogonResponse' },
    body,
  };
};

/** DELETE /rest/api/web/Logon: the token (and its file) stop working at once. */
export const logoff: Handler = (request, state) => {
  const token = headerValue(request, 'x-api-session');
  if (!token || !state.sessions.close(token)) return errorReply(request, 401, 'The session is not valid');
  return NO_CONTENT;
};
