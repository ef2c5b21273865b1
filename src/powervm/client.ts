import { ConsoleError, FormatError, type ErrorPlace } from './errors.js';
import {
  ltmEnabledPreferenceBody,
  parseClientNetworkAdapters,
  parseManagedSystems,
  parsePcmPreferences,
  type ManagedSystem,
  type PcmPreferences,
} from './inventory.js';
import { parseLtmFeed, type LtmEntry } from './ltm-feed.js';
import { parsePcmJson, type PcmDocument } from './pcm-json.js';
import { ConsoleSession, type ConsoleConnection, type ConsoleRequest } from './session.js';

const ATOM = 'application/atom+xml';

/**
 * The calls the monitoring flow makes to a PowerVM console (powervm-pcm.md §2.4), each returning
 * parsed data or throwing a ConsoleError that names console, system and file.
 */
export class PowerVmClient {
  readonly session: ConsoleSession;

  constructor(connection: ConsoleConnection) {
    this.session = new ConsoleSession(connection);
  }

  get name(): string {
    return this.session.name;
  }

  async listSystems(): Promise<ManagedSystem[]> {
    const body = await this.get({
      path: '/rest/api/uom/ManagedSystem?group=None',
      accept: ATOM,
      place: this.place(),
    });
    return body === undefined ? [] : this.parse(body, this.place(), parseManagedSystems);
  }

  /** Client adapter location → MAC for one LPAR (the PCM data has no MACs). */
  async networkAdapters(lparUuid: string, system?: string): Promise<Map<string, string>> {
    const place = this.place(system);
    const path = `/rest/api/uom/LogicalPartition/${encodeURIComponent(lparUuid)}/ClientNetworkAdapter?group=None`;
    const body = await this.get({ path, accept: ATOM, place });
    return body === undefined ? new Map() : this.parse(body, place, parseClientNetworkAdapters);
  }

  async pcmPreferences(system: ManagedSystem): Promise<PcmPreferences> {
    const place = this.place(system.name);
    const body = await this.get({ path: preferencesPath(system), accept: ATOM, place });
    if (body === undefined) throw new ConsoleError('format', 'preferences feed is empty', place, 204);
    return this.parse(body, place, parsePcmPreferences);
  }

  /**
   * Switches long-term monitoring on, exactly as pypowervm's ensure_ltm_monitors does (§5): read the
   * preferences feed, POST its preference element back with LTM on and compute-only LTM off, guarded
   * by the feed's ETag. Only called when the operator opted in.
   */
  async enableLongTermMonitor(system: ManagedSystem): Promise<void> {
    const place = this.place(system.name);
    const path = preferencesPath(system);
    const response = await this.session.request({ path, accept: ATOM, place });
    const etag = response.headers['etag'];
    if (!etag) throw new ConsoleError('format', 'preferences feed came without an ETag header', place);
    const body = this.parse(response.body, place, ltmEnabledPreferenceBody);
    await this.session.request({
      method: 'POST',
      path,
      accept: `${ATOM}; charset=UTF-8`,
      headers: { 'Content-Type': 'application/xml', 'If-Match': etag },
      body,
      place,
    });
  }

  /** Entries of the LongTermMonitor feed; an empty feed (204) is an empty list. */
  async ltmFeed(system: ManagedSystem): Promise<LtmEntry[]> {
    const place = this.place(system.name);
    const path = `/rest/api/pcm/ManagedSystem/${system.uuid}/RawMetrics/LongTermMonitor`;
    const body = await this.get({ path, accept: ATOM, place });
    return body === undefined ? [] : this.parse(body, place, parseLtmFeed);
  }

  /** One phyp, vios_N or lpar JSON file, by the path its feed entry links to; its content must match its category. */
  async pcmDocument<K extends PcmDocument['kind']>(
    system: ManagedSystem,
    entry: LtmEntry,
    kind: K,
  ): Promise<Extract<PcmDocument, { kind: K }>> {
    const file = entry.path.slice(entry.path.lastIndexOf('/') + 1);
    const place = this.place(system.name, file);
    // pypowervm asks for vios files with ?group=None and the others without (§2.4, rows 5–7).
    const path = entry.category.startsWith('vios_') ? `${entry.path}?group=None` : entry.path;
    const body = await this.get({ path, accept: '*/*', place });
    if (body === undefined) throw new ConsoleError('format', 'empty answer (204) for a PCM file', place, 204);
    const doc = this.parse(body, place, parsePcmJson);
    if (doc.kind !== kind) {
      throw new ConsoleError(
        'format',
        `feed category '${entry.category}' links to a ${doc.kind} file`,
        place,
      );
    }
    return doc as Extract<PcmDocument, { kind: K }>;
  }

  logoff(): Promise<void> {
    return this.session.logoff();
  }

  private async get(request: ConsoleRequest): Promise<string | undefined> {
    const response = await this.session.request(request);
    const type = response.headers['content-type'] ?? '';
    if (/^text\/html\b/i.test(type)) {
      throw new ConsoleError(
        'format',
        `answered with an HTML page (Content-Type ${type}) instead of the API's XML or JSON: is a proxy or a login page in the way?`,
        request.place,
        response.status,
      );
    }
    return response.status === 204 || response.body.trim() === '' ? undefined : response.body;
  }

  private parse<T>(body: string, place: ErrorPlace, parser: (text: string) => T): T {
    try {
      return parser(body);
    } catch (error) {
      if (error instanceof FormatError) throw new ConsoleError('format', error.message, place);
      throw error;
    }
  }

  private place(system?: string, file?: string): ErrorPlace {
    return { console: this.name, system, file };
  }
}

function preferencesPath(system: ManagedSystem): string {
  return `/rest/api/pcm/ManagedSystem/${system.uuid}/preferences?group=None`;
}
