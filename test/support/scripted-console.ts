import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Script = (request: ScriptedRequest, response: http.ServerResponse) => void;

/**
 * A bare HTTP server on 127.0.0.1 (port from the OS) that answers as the test's script says and
 * records every request. For protocol situations a faithful simulator should not produce on its
 * own: 401 storms, garbage bodies, answers that never end.
 */
export async function scriptedConsole(script: Script): Promise<{
  url: string;
  requests: ScriptedRequest[];
  close: () => Promise<void>;
}> {
  const requests: ScriptedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      requests.push(request);
      script(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const LOGON_OK = (token: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<LogonResponse xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_1_0">
  <Metadata><Atom/></Metadata><X-API-Session kb="ROR" kxe="false">${token}</X-API-Session>
</LogonResponse>`;

export const EMPTY_FEED = '<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id></feed>';
