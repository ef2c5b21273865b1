import {
  meteringMetadata,
  powervmUuid,
  type InstanceDirectory,
  type InstanceIdentity,
  type LparRef,
} from './directory.js';

export interface NovaDirectoryOptions {
  /** Keystone base URL, e.g. `https://keystone:5000` (with or without `/v3`). */
  authUrl: string;
  username: string;
  password: string;
  userDomainName?: string;
  projectName: string;
  projectDomainName?: string;
  /** Catalog endpoint interface (default `public`) and optional region. */
  interface?: 'public' | 'internal' | 'admin';
  region?: string;
  /** Servers per page (default 1000). */
  pageSize?: number;
  /** Request timeout in ms (default 10 s). */
  timeoutMs?: number;
}

/** Failure talking to Keystone or Nova; the message names the endpoint, never the password. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
}

interface Catalog {
  type: string;
  endpoints: { interface: string; region?: string; region_id?: string; url: string }[];
}

interface NovaServer {
  id: string;
  name?: string;
  tenant_id?: string;
  user_id?: string;
  hostId?: string;
  metadata?: Record<string, unknown>;
  flavor?: { id?: string; original_name?: string; name?: string };
  'OS-EXT-SRV-ATTR:instance_name'?: string;
  'OS-EXT-SRV-ATTR:host'?: string;
}

/**
 * Instances from the Nova API (Keystone v3 password auth, `servers/detail?all_tenants=1`), matched
 * to LPARs by the PowerVM form of the server id (§12.1) or by instance name. `refresh()` replaces
 * the index; `start()` refreshes periodically so conversions never wait on the API. A failed
 * refresh keeps the previous index.
 */
export class NovaDirectory implements InstanceDirectory {
  private byUuid = new Map<string, InstanceIdentity>();
  private byName = new Map<string, InstanceIdentity>();
  private token: { value: string; expires: number; compute: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  lastError: Error | undefined;
  lastRefresh: number | undefined;

  constructor(private readonly options: NovaDirectoryOptions) {}

  lookup(lpar: LparRef): InstanceIdentity | undefined {
    return this.byUuid.get(lpar.uuid.toUpperCase()) ?? this.byName.get(lpar.name);
  }

  get size(): number {
    return this.byUuid.size;
  }

  async refresh(): Promise<void> {
    try {
      const servers = await this.listServers();
      const byUuid = new Map<string, InstanceIdentity>();
      const byName = new Map<string, InstanceIdentity>();
      for (const s of servers) {
        const identity = identityOf(s);
        byUuid.set(powervmUuid(s.id), identity);
        if (identity.instance_name) byName.set(identity.instance_name, identity);
      }
      this.byUuid = byUuid;
      this.byName = byName;
      this.lastError = undefined;
      this.lastRefresh = Date.now();
    } catch (err) {
      this.lastError = err as Error;
      throw err;
    }
  }

  /** Refreshes now and then every `intervalMs`; errors are kept in `lastError` and passed to `onError`. */
  start(intervalMs: number, onError: (err: Error) => void = () => {}): Promise<void> {
    this.stop();
    const run = () => this.refresh().catch((err: Error) => onError(err));
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    return run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async listServers(): Promise<NovaServer[]> {
    const { value, compute } = await this.authenticate();
    const limit = this.options.pageSize ?? 1000;
    const servers: NovaServer[] = [];
    let url: string | undefined = `${compute}/servers/detail?all_tenants=1&limit=${limit}`;
    for (let page = 0; url !== undefined && page < 10_000; page++) {
      const body = (await this.request(url, { headers: { 'X-Auth-Token': value } })).body as {
        servers?: NovaServer[];
        servers_links?: { rel: string; href: string }[];
      };
      if (!Array.isArray(body.servers))
        throw new IdentityError(`${redact(url)}: response has no "servers" list`);
      servers.push(...body.servers);
      const next = body.servers_links?.find((l) => l.rel === 'next')?.href;
      const last = body.servers.at(-1);
      url =
        next ??
        (body.servers.length >= limit && last
          ? `${compute}/servers/detail?all_tenants=1&limit=${limit}&marker=${encodeURIComponent(last.id)}`
          : undefined);
    }
    return servers;
  }

  private async authenticate(): Promise<{ value: string; compute: string }> {
    if (this.token && this.token.expires - 60_000 > Date.now()) return this.token;
    const o = this.options;
    const base = o.authUrl.replace(/\/+$/, '').replace(/\/v3$/, '');
    const url = `${base}/v3/auth/tokens`;
    const { response, body } = await this.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: {
              user: {
                name: o.username,
                domain: { name: o.userDomainName ?? 'Default' },
                password: o.password,
              },
            },
          },
          scope: { project: { name: o.projectName, domain: { name: o.projectDomainName ?? 'Default' } } },
        },
      }),
    });
    const value = response.headers.get('x-subject-token');
    if (!value) throw new IdentityError(`${url}: no X-Subject-Token header in the token response`);
    const token = (body as { token?: { expires_at?: string; catalog?: Catalog[] } }).token;
    const wanted = o.interface ?? 'public';
    const endpoint = token?.catalog
      ?.filter((c) => c.type === 'compute')
      .flatMap((c) => c.endpoints)
      .find(
        (e) => e.interface === wanted && (o.region === undefined || (e.region_id ?? e.region) === o.region),
      );
    if (!endpoint) {
      throw new IdentityError(
        `${url}: no compute endpoint with interface ${wanted}${o.region ? ` in region ${o.region}` : ''} in the catalog`,
      );
    }
    const expires = Date.parse(token?.expires_at ?? '');
    this.token = {
      value,
      compute: endpoint.url.replace(/\/+$/, ''),
      expires: Number.isNaN(expires) ? Date.now() + 3_600_000 : expires,
    };
    return this.token;
  }

  private async request(url: string, init: RequestInit): Promise<{ response: Response; body: unknown }> {
    const where = redact(url);
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000) });
    } catch (err) {
      throw new IdentityError(`${where}: ${(err as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      if (response.status === 401 && url.endsWith('/auth/tokens')) {
        throw new IdentityError(`${where}: authentication failed (401) for user ${this.options.username}`);
      }
      if (response.status === 401) this.token = undefined;
      throw new IdentityError(`${where}: HTTP ${response.status} ${response.statusText}`.trim());
    }
    try {
      return { response, body: JSON.parse(text) as unknown };
    } catch {
      throw new IdentityError(`${where}: response is not JSON (${text.slice(0, 80)})`);
    }
  }
}

function identityOf(s: NovaServer): InstanceIdentity {
  const identity: InstanceIdentity = {
    instance_id: s.id,
    project_id: s.tenant_id ?? null,
    user_id: s.user_id ?? null,
  };
  if (s.name !== undefined) identity.display_name = s.name;
  const instanceName = s['OS-EXT-SRV-ATTR:instance_name'];
  if (instanceName) identity.instance_name = instanceName;
  const host = s['OS-EXT-SRV-ATTR:host'];
  if (host) identity.instance_host = host;
  if (s.hostId) identity.host = s.hostId;
  if (s.flavor) {
    const name = s.flavor.original_name ?? s.flavor.name;
    identity.flavor = {};
    if (s.flavor.id !== undefined) identity.flavor.id = String(s.flavor.id);
    if (name !== undefined) identity.flavor.name = name;
  }
  const user = meteringMetadata(s.metadata);
  if (Object.keys(user).length > 0) identity.user_metadata = user;
  return identity;
}

/** The URL without credentials or query string, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
