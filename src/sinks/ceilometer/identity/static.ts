import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { InstanceDirectory, InstanceIdentity, LparRef } from './directory.js';

/**
 * A hand-written LPAR → instance mapping. Keys are LPAR UUIDs (any case) or LPAR names:
 *
 *   lpars:
 *     489FFB20-5D19-4A8C-BB80-13650627D985:
 *       instance_id: c89ffb20-5d19-4a8c-bb80-13650627d985
 *       project_id: p1            # optional (null)
 *       user_id: u1               # optional (null)
 *       display_name: web01       # optional
 *       instance_name: instance-0000002a   # optional
 *       flavor: { id: '42', name: m1.small }  # optional
 *     web02: { instance_id: ... }
 */
export class StaticDirectory implements InstanceDirectory {
  private byUuid = new Map<string, InstanceIdentity>();
  private byName = new Map<string, InstanceIdentity>();

  constructor(entries: Readonly<Record<string, InstanceIdentity>>) {
    this.replace(entries);
  }

  lookup(lpar: LparRef): InstanceIdentity | undefined {
    return this.byUuid.get(lpar.uuid.toUpperCase()) ?? this.byName.get(lpar.name);
  }

  protected replace(entries: Readonly<Record<string, InstanceIdentity>>): void {
    this.byUuid = new Map();
    this.byName = new Map();
    for (const [key, identity] of Object.entries(entries)) {
      if (UUID.test(key)) this.byUuid.set(key.toUpperCase(), identity);
      else this.byName.set(key, identity);
    }
  }
}

/** A StaticDirectory read from a YAML file; `refresh` re-reads it (a bad file keeps the old mapping). */
export class StaticFileDirectory extends StaticDirectory {
  constructor(
    readonly path: string,
    entries: Readonly<Record<string, InstanceIdentity>>,
  ) {
    super(entries);
  }

  static async load(path: string): Promise<StaticFileDirectory> {
    return new StaticFileDirectory(path, parseStaticMapping(await readFile(path, 'utf8'), path));
  }

  async refresh(): Promise<void> {
    this.replace(parseStaticMapping(await readFile(this.path, 'utf8'), this.path));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses and checks the mapping; errors name the file and the offending key path. */
export function parseStaticMapping(text: string, origin = 'mapping'): Record<string, InstanceIdentity> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new Error(`${origin}: not valid YAML: ${(err as Error).message}`);
  }
  const fail = (key: string, problem: string): never => {
    throw new Error(`${origin}: ${key}: ${problem}`);
  };
  if (!isObject(doc)) fail('(top)', 'expected a mapping with key "lpars"');
  const lpars = (doc as Record<string, unknown>)['lpars'];
  if (!isObject(lpars)) fail('lpars', 'expected a mapping of LPAR UUID or name to instance');
  const out: Record<string, InstanceIdentity> = {};
  for (const [key, raw] of Object.entries(lpars as Record<string, unknown>)) {
    const at = `lpars.${key}`;
    if (!isObject(raw)) fail(at, 'expected a mapping');
    const entry = raw as Record<string, unknown>;
    for (const k of Object.keys(entry)) {
      if (!KNOWN.includes(k)) fail(`${at}.${k}`, `unknown key (known: ${KNOWN.join(', ')})`);
    }
    const str = (k: string, required = false): string | undefined => {
      const v = entry[k];
      if (v === undefined || v === null) return required ? fail(`${at}.${k}`, 'required') : undefined;
      if (typeof v !== 'string' || v === '') fail(`${at}.${k}`, 'expected a non-empty string');
      return v as string;
    };
    const identity: InstanceIdentity = {
      instance_id: str('instance_id', true)!.toLowerCase(),
      project_id: str('project_id') ?? null,
      user_id: str('user_id') ?? null,
    };
    for (const k of ['display_name', 'instance_name', 'instance_host', 'host'] as const) {
      const v = str(k);
      if (v !== undefined) identity[k] = v;
    }
    const flavor = entry['flavor'];
    if (flavor !== undefined) {
      if (!isObject(flavor)) fail(`${at}.flavor`, 'expected a mapping with id and/or name');
      const f = flavor as Record<string, unknown>;
      identity.flavor = {};
      for (const k of Object.keys(f)) {
        if (k !== 'id' && k !== 'name') fail(`${at}.flavor.${k}`, 'unknown key (known: id, name)');
        const v = f[k];
        if (typeof v !== 'string' && typeof v !== 'number') fail(`${at}.flavor.${k}`, 'expected a string');
        identity.flavor[k as 'id' | 'name'] = String(v);
      }
    }
    out[UUID.test(key) ? key.toUpperCase() : key] = identity;
  }
  return out;
}

const KNOWN = [
  'instance_id',
  'project_id',
  'user_id',
  'display_name',
  'instance_name',
  'instance_host',
  'host',
  'flavor',
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
