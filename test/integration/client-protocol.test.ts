/** The client's side of the protocol against a scripted server: sessions, re-logon, errors, limits. */
import { afterEach, describe, expect, it } from 'vitest';
import { PowerVmClient, type ConsoleConnection } from '../../src/powervm/index.js';
import { caught } from '../support/caught.js';
import { fixtureBody, loadTraffic } from '../support/fixtures.js';
import { EMPTY_FEED, LOGON_OK, scriptedConsole, type Script } from '../support/scripted-console.js';

const SECRET = 'S3cret&<pass>';
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start(script: Script, options: Partial<ConsoleConnection> = {}) {
  const server = await scriptedConsole(script);
  close = server.close;
  const client = new PowerVmClient({
    name: 'hmc-test',
    url: server.url,
    user: 'monitor',
    password: SECRET,
    ...options,
  });
  return { client, requests: server.requests };
}

/** Logs on with tokens t1, t2, …; accepts only the newest token; answers feeds with `feed`. */
function sessionScript(feed: string | (() => [number, string])): Script {
  let logons = 0;
  return (req, res) => {
    if (req.path === '/rest/api/web/Logon' && req.method === 'PUT') {
      logons += 1;
      res.writeHead(200, { 'X-MC-Type': 'HMC' }).end(LOGON_OK(`t${logons}`));
    } else if (req.headers['x-api-session'] !== `t${logons}`) {
      res.writeHead(401).end();
    } else {
      const [status, body] = typeof feed === 'string' ? [200, feed] : feed();
      res.writeHead(status, { 'Content-Type': 'application/atom+xml' }).end(body);
    }
  };
}

describe('sessions', () => {
  it('logs on once with the LogonRequest XML, then sends the token on every request', async () => {
    const { client, requests } = await start(sessionScript(fixtureBody('managedsystem.txt')));
    expect(await client.listSystems()).toHaveLength(3);
    expect(await client.listSystems()).toHaveLength(3);
    const [logon, ...rest] = requests;
    expect(logon!.method).toBe('PUT');
    expect(logon!.headers['content-type']).toBe('application/vnd.ibm.powervm.web+xml; type=LogonRequest');
    expect(logon!.body).toContain('<UserID>monitor</UserID><Password>S3cret&amp;&lt;pass&gt;</Password>');
    expect(rest.map((r) => [r.path, r.headers['x-api-session'], r.headers['accept']])).toEqual([
      ['/rest/api/uom/ManagedSystem?group=None', 't1', 'application/atom+xml'],
      ['/rest/api/uom/ManagedSystem?group=None', 't1', 'application/atom+xml'],
    ]);
  });

  it('an expired session: one re-logon shared by concurrent requests, each retried once', async () => {
    let expire = false;
    const inner = sessionScript(EMPTY_FEED);
    const { client, requests } = await start((req, res) => {
      if (expire && req.headers['x-api-session'] === 't1') return res.writeHead(401).end();
      inner(req, res);
    });
    await client.listSystems();
    expire = true;
    const results = await Promise.all(Array.from({ length: 5 }, () => client.listSystems()));
    expect(results).toEqual([[], [], [], [], []]);
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('401 again on a brand-new token is an auth error, not a loop', async () => {
    const { client, requests } = await start((req, res) => {
      if (req.method === 'PUT') return res.writeHead(200).end(LOGON_OK('fresh'));
      res.writeHead(401).end();
    });
    const error = await caught(client.listSystems());
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('console hmc-test: refused (401) even with a brand-new session token');
    expect(requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT', 'GET']);
  });

  it('a wrong password: a clear auth error that never contains the password', async () => {
    const { client } = await start((_req, res) =>
      res.writeHead(401).end(loadTraffic('fake_httperror.txt').body),
    );
    const error = await caught(client.listSystems());
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toBe("console hmc-test: logon as 'monitor' refused (401)");
    expect(JSON.stringify(error) + error.stack).not.toContain(SECRET);
  });

  it('logoff sends DELETE with the token, and nothing is sent after it', async () => {
    const { client, requests } = await start(sessionScript(EMPTY_FEED));
    await client.listSystems();
    await client.logoff();
    expect(requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/rest/api/web/Logon',
      headers: expect.objectContaining({ 'x-api-session': 't1' }) as unknown,
    });
    expect((await caught(client.listSystems())).kind).toBe('auth');
    expect(requests).toHaveLength(3);
  });
});

describe('answers that are not what the protocol says', () => {
  const system = {
    uuid: 'abc',
    name: 'sys1',
    state: 'operating',
    machineType: '8247',
    model: '22L',
    serial: '1',
    mtms: '8247-22L*1',
    memoryMb: {},
    processorUnits: {},
  };

  it('403 on PCM data names console and system and says what to do', async () => {
    const { client } = await start(
      sessionScript(() => [403, loadTraffic('fake_httperror_service_unavail.txt').body]),
    );
    const error = await caught(client.ltmFeed(system));
    expect(error.kind).toBe('pcm-disabled');
    expect(error.message).toMatch(
      /^console hmc-test, system sys1: forbidden \(403\) on \/rest\/api\/pcm\/ManagedSystem\/abc\/RawMetrics\/LongTermMonitor: performance monitoring is not enabled/,
    );
  });

  it('500 carries the console message', async () => {
    const { client } = await start(sessionScript(() => [500, loadTraffic('fake_httperror.txt').body]));
    const error = await caught(client.ltmFeed(system));
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(error.message).toContain('is busy processing some other request');
  });

  it('204 on the LTM feed is an empty feed', async () => {
    const { client } = await start(sessionScript(() => [204, '']));
    expect(await client.ltmFeed(system)).toEqual([]);
  });

  it('malformed XML is a format error naming console and system', async () => {
    const { client } = await start(sessionScript(() => [200, '<feed><entry><id>x</entry>']));
    const error = await caught(client.ltmFeed(system));
    expect(error.kind).toBe('format');
    expect(error.message).toMatch(/^console hmc-test, system sys1: malformed XML/);
  });

  it('a truncated PCM file is a format error naming the file', async () => {
    const body = fixtureBody('phyp_pcm_data.txt').slice(0, 500);
    const { client } = await start(sessionScript(() => [200, body]));
    const entry = {
      category: 'phyp',
      time: 0,
      path: '/rest/api/pcm/ManagedSystem/abc/RawMetrics/LongTermMonitor/LTM_8247-22L*1_phyp_20250101T000000+0000.json',
    };
    const error = await caught(client.pcmDocument(system, entry, 'phyp'));
    expect(error.message).toMatch(
      /^console hmc-test, system sys1, file LTM_8247-22L\*1_phyp_20250101T000000\+0000\.json: malformed JSON/,
    );
  });

  it('a file of the wrong kind for its feed category is refused', async () => {
    const { client } = await start(sessionScript(() => [200, fixtureBody('vios_pcm_data.txt')]));
    const error = await caught(
      client.pcmDocument(system, { category: 'phyp', time: 0, path: '/x/f.json' }, 'phyp'),
    );
    expect(error.message).toBe(
      "console hmc-test, system sys1, file f.json: feed category 'phyp' links to a vios file",
    );
  });

  it('an answer that never ends times out', async () => {
    const { client } = await start(
      (req, res) => {
        if (req.method === 'PUT') return res.writeHead(200).end(LOGON_OK('t'));
        res.writeHead(200).write('<feed'); // and never finishes
      },
      { timeoutMs: 300 },
    );
    const error = await caught(client.listSystems());
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('console hmc-test: no complete answer within 300 ms');
  });

  it('a body over the size limit is refused', async () => {
    const { client } = await start(sessionScript(`<feed>${' '.repeat(5000)}</feed>`), { maxBodyBytes: 1000 });
    expect((await caught(client.listSystems())).message).toBe(
      'console hmc-test: answer larger than the maximum body size (1000 bytes); stopped reading',
    );
  });

  it('a connection reset mid-body is a network error', async () => {
    const { client } = await start((req, res) => {
      if (req.method === 'PUT') return res.writeHead(200).end(LOGON_OK('t'));
      res.writeHead(200, { 'Content-Length': '1000' }).write('<feed>');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect((await caught(client.listSystems())).kind).toBe('network');
  });

  it('nothing listening is a network error', async () => {
    const client = new PowerVmClient({ name: 'gone', url: 'http://127.0.0.1:1', user: 'u', password: 'p' });
    const error = await caught(client.listSystems());
    expect(error.kind).toBe('network');
    expect(error.message).toBe('console gone: connect ECONNREFUSED 127.0.0.1:1');
  });
});
