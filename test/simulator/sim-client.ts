/** Test-side helpers for talking to the simulator over real HTTP, written without any product code. */
import { XMLParser } from 'fast-xml-parser';
import { afterEach } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';

const WEB_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/';

export function logonBody(user: string, password: string | undefined): string {
  const secret =
    password === undefined
      ? '<GenerateX-API-SessionFile>true</GenerateX-API-SessionFile>'
      : `<Password>${password.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</Password>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0"><UserID>${user}</UserID>${secret}</LogonRequest>`
  );
}

/** Starts simulators and closes them after each test. */
export function useSimulators(): (options?: SimulatorOptions) => Promise<SimSession> {
  const running: RunningSimulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sim) => sim.close()));
  });
  return async (options = {}) => {
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, ...options });
    running.push(sim);
    return new SimSession(sim);
  };
}

export class SimSession {
  token = '';

  constructor(readonly sim: RunningSimulator) {}

  get system(): { uuid: string; name: string; mtms: string } {
    const first = this.sim.systems[0];
    if (!first) throw new Error('no system');
    return first;
  }

  logonRaw(user: string, password: string | undefined): Promise<Response> {
    return fetch(`${this.sim.url}/rest/api/web/Logon`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/vnd.ibm.powervm.web+xml; type=LogonRequest',
        Accept: 'application/vnd.ibm.powervm.web+xml; type=LogonResponse',
      },
      body: logonBody(user, password),
    });
  }

  async logon(user = 'hscroot', password = 'abc123'): Promise<this> {
    const response = await this.logonRaw(user, password);
    const text = await response.text();
    const token = /<X-API-Session [^>]*>([^<]+)<\/X-API-Session>/.exec(text)?.[1];
    if (response.status !== 200 || !token) throw new Error(`logon failed: ${response.status} ${text}`);
    this.token = token;
    return this;
  }

  /** `path` is relative to /rest/api/, or an absolute href from a feed. */
  request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.sim.url}/rest/api/${path}`;
    return fetch(url, { ...init, headers: { 'X-API-Session': this.token, ...(init.headers ?? {}) } });
  }

  async text(path: string, expectStatus = 200): Promise<string> {
    const response = await this.request(path);
    const text = await response.text();
    if (response.status !== expectStatus)
      throw new Error(`${path}: ${response.status} ${text.slice(0, 500)}`);
    return text;
  }

  async ltmFeed(uuid = this.system.uuid): Promise<LtmEntry[]> {
    return parseLtmFeed(await this.text(`pcm/ManagedSystem/${uuid}/RawMetrics/LongTermMonitor`));
  }

  /** The newest phyp sample's JSON text. */
  async newestPhyp(): Promise<string> {
    const [newest] = await this.latestPhyp(1);
    if (!newest) throw new Error('no phyp sample in the feed');
    return newest.text;
  }

  /** The newest phyp samples' JSON texts (current first), plus their entries. */
  async latestPhyp(count = 2): Promise<Array<{ entry: LtmEntry; text: string }>> {
    const phyp = (await this.ltmFeed()).filter((e) => e.category === 'phyp').sort((a, b) => b.time - a.time);
    return Promise.all(
      phyp.slice(0, count).map(async (entry) => ({ entry, text: await this.text(entry.href) })),
    );
  }
}

export interface LtmEntry {
  id: string;
  updated: string;
  published: string;
  time: number;
  title: string;
  category: string;
  href: string;
  linkType: string;
  linkRel: string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => name === 'entry' || name === 'link',
});

export function parseXml(text: string): Record<string, unknown> {
  return parser.parse(text) as Record<string, unknown>;
}

type Node = Record<string, unknown>;

export function parseLtmFeed(text: string): LtmEntry[] {
  const feed = parseXml(text).feed as Node;
  return ((feed.entry ?? []) as Node[]).map((entry) => {
    const link = (entry.link as Node[])[0] as Node;
    const updated = String(entry.updated);
    return {
      id: String(entry.id),
      updated,
      published: String(entry.published),
      time: Date.parse(updated),
      title: String((entry.title as Node)['#text']),
      category: String((entry.category as Node)['@term']),
      href: String(link['@href']),
      linkType: String(link['@type']),
      linkRel: link['@rel'] as string | undefined,
    };
  });
}

/** Every `<name>` text in a document, in order (namespace prefixes ignored). */
export function texts(xml: string, name: string): string[] {
  return [
    ...xml.matchAll(new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`, 'g')),
  ].map((m) => m[1] ?? '');
}

export function errorMessage(xml: string): { status: string; message: string } {
  expectHttpError(xml);
  return { status: texts(xml, 'HTTPStatus')[0] ?? '', message: texts(xml, 'Message')[0] ?? '' };
}

function expectHttpError(xml: string): void {
  if (!xml.includes('type=HttpErrorResponse') || !xml.includes(`<HttpErrorResponse:HttpErrorResponse`)) {
    throw new Error(`not an HttpErrorResponse: ${xml.slice(0, 300)}`);
  }
}

/** A fake wall clock the test moves by hand. */
export class FakeClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
  advance(seconds: number): void {
    this.now += seconds * 1000;
  }
}
