import { randomUUID } from 'node:crypto';
import type { LparReading, Readings } from '../../inspector/index.js';
import {
  instancesOf,
  METRICS,
  type CeilometerMeter,
  type CeilometerType,
  type Entities,
  type Entity,
} from '../../metrics/index.js';
import type { InstanceDirectory, InstanceIdentity } from './identity/directory.js';
import { sends, unitOf, type CeilometerProfile } from './profiles.js';
import { SampleSigner, type SharedPart } from './sign.js';

/**
 * The wire dict of one sample, as `meter_message_from_counter` builds it (ceilometer.md §3b):
 * the 11 required keys, `monotonic_time` from Pike on (profile), and the signature last.
 */
export type CeilometerSample = {
  source: string;
  counter_name: string;
  counter_type: CeilometerType;
  counter_unit: string;
  counter_volume: number;
  user_id: string | null;
  project_id: string | null;
  resource_id: string;
  timestamp: string;
  resource_metadata: Readonly<Record<string, unknown>>;
  message_id: string;
  monotonic_time?: null;
  message_signature: string;
};

/** The keys every sample must carry (the notification agent drops a batch missing any, §7.2). */
export const REQUIRED_KEYS = [
  'source',
  'counter_name',
  'counter_type',
  'counter_unit',
  'counter_volume',
  'user_id',
  'project_id',
  'resource_id',
  'timestamp',
  'resource_metadata',
  'message_id',
] as const;

/** A sample that must not leave: the caller counts and logs it. */
export interface RejectedSample {
  lpar: string;
  meter: string;
  reason: string;
  sample: Partial<CeilometerSample>;
}

export interface LparCounts {
  /** LPARs the directory knows. */
  mapped: number;
  /** LPARs sent under their own UUID (no identity, `unmapped: 'send'`). */
  unmappedSent: number;
  /** LPARs left out (no identity, `unmapped: 'skip'`). */
  unmappedSkipped: number;
}

export interface Conversion {
  samples: CeilometerSample[];
  rejected: RejectedSample[];
  lpars: LparCounts;
}

export interface ConvertOptions {
  profile: CeilometerProfile;
  directory: InstanceDirectory;
  /** `[publisher] telemetry_secret`; '' sends an empty signature (signing disabled). */
  secret: string;
  /** `[DEFAULT] sample_source`; default `openstack`. */
  source?: string;
  /**
   * LPARs without an identity: `send` (default) with resource_id = the LPAR UUID in lower case and
   * null project/user, or `skip`.
   */
  unmapped?: 'send' | 'skip';
  /** message_id generator (default: random UUID; Ceilometer uses uuid1, any UUID string is accepted). */
  newId?: () => string;
}

type LparEntity = 'lpar' | 'vnic' | 'disk';
const isLparEntity = (e: Entity): e is LparEntity => e === 'lpar' || e === 'vnic' || e === 'disk';

/** Samples of one system's readings; the timestamp is the PCM sample's time. */
export function convertReadings(readings: Readings, options: ConvertOptions): Conversion {
  const { profile, directory } = options;
  const newId = options.newId ?? randomUUID;
  const source = options.source ?? 'openstack';
  const lpars: LparCounts = { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 };

  // One identity per LPAR, looked up once per conversion.
  const identities = new Map<string, Resolved | undefined>();
  for (const lpar of readings.lpars) {
    const found = directory.lookup({ uuid: lpar.lpar_uuid, name: lpar.lpar_name });
    if (found) lpars.mapped++;
    else if (options.unmapped === 'skip') lpars.unmappedSkipped++;
    else lpars.unmappedSent++;
    const resolved =
      found !== undefined
        ? { identity: found, mapped: true }
        : options.unmapped === 'skip'
          ? undefined
          : { identity: unmappedIdentity(lpar), mapped: false };
    identities.set(lpar.lpar_uuid, resolved);
  }

  const timestamp = formatTimestamp(readings.system.time, profile.timestamp);
  const instances = instancesOf(readings);
  const signer = new SampleSigner(options.secret);
  const samples: CeilometerSample[] = [];
  const rejected: RejectedSample[] = [];
  // Each resource's constant part is built once and shared by the ~15 samples about it.
  const resources: { [E in LparEntity]?: Array<Resource | undefined> } = {};
  const resourcesOf = (entity: LparEntity): Array<Resource | undefined> =>
    (resources[entity] ??= instances[entity].map(({ entity: target }) => {
      const lpar = lparOf(entity, target);
      const resolved = identities.get(lpar.lpar_uuid);
      return resolved && resourceOf(entity, target, lpar, resolved, signer);
    }));

  for (const row of METRICS) {
    if (!row.ceilometer || !isLparEntity(row.entity)) continue;
    const entity: LparEntity = row.entity;
    for (const meter of row.ceilometer as readonly CeilometerMeter<LparEntity>[]) {
      if (!sends(profile, entity, meter as CeilometerMeter<Entity>)) continue;
      const unit = unitOf(profile, meter as CeilometerMeter<Entity>);
      const targets = instances[entity];
      const placed = resourcesOf(entity);
      for (let i = 0; i < targets.length; i++) {
        const resource = placed[i];
        if (resource === undefined) continue;
        const volume = meter.volume(targets[i]!.entity as Entities[LparEntity]);
        if (volume === null) continue;
        const sample: Partial<CeilometerSample> = {
          source,
          counter_name: meter.meter,
          counter_type: meter.type,
          counter_unit: unit,
          counter_volume: volume,
          user_id: resource.identity.user_id,
          project_id: resource.identity.project_id,
          resource_id: resource.id,
          resource_metadata: resource.metadata.value as CeilometerSample['resource_metadata'],
          timestamp,
          message_id: newId(),
        };
        if (profile.monotonicTime) sample.monotonic_time = null;
        const reason = problemOf(sample);
        if (reason !== undefined) {
          rejected.push({ lpar: resource.lpar.lpar_name, meter: meter.meter, reason, sample });
          continue;
        }
        const complete = sample as CeilometerSample;
        complete.message_signature = signer.sign(complete, resource.metadata);
        samples.push(complete);
      }
    }
  }
  return { samples, rejected, lpars };
}

interface Resolved {
  identity: InstanceIdentity;
  mapped: boolean;
}

/** What every sample about one LPAR, vNIC or disk carries. */
interface Resource {
  lpar: LparReading;
  identity: InstanceIdentity;
  id: string;
  /** resource_metadata, frozen, with its signature text. */
  metadata: SharedPart;
}

function lparOf(entity: LparEntity, target: Entities[LparEntity]): LparReading {
  return entity === 'lpar' ? (target as LparReading) : (target as Entities['vnic' | 'disk']).lpar;
}

/**
 * An LPAR Nova does not know: its own UUID stands in for the instance id, in lower case as Nova
 * and Gnocchi write UUIDs (Gnocchi normalises UUID resource ids, so the case must not make two
 * resources). It is not converted back: §12.1's mapping clears a bit, so it has no inverse.
 */
function unmappedIdentity(lpar: LparReading): InstanceIdentity {
  return {
    instance_id: lpar.lpar_uuid.toLowerCase(),
    project_id: null,
    user_id: null,
    display_name: lpar.lpar_name,
  };
}

/** resource_id and resource_metadata by entity (§2e, §2f). */
function resourceOf(
  entity: LparEntity,
  target: Entities[LparEntity],
  lpar: LparReading,
  { identity, mapped }: Resolved,
  signer: SampleSigner,
): Resource {
  const id = identity.instance_id;
  const base: Record<string, unknown> = {
    display_name: identity.display_name ?? null,
    // nova-powervm names the partition after the instance, so the LPAR name stands in for it.
    name: identity.instance_name ?? lpar.lpar_name,
    instance_id: id,
    instance_type: identity.flavor?.name ?? null,
    host: identity.host ?? null,
    instance_host: identity.instance_host ?? null,
    // Every instance sample carries the virtual processor count; Ceilometer's `cpu` sample needs it.
    cpu_number: lpar.cpu_number,
    lpar_uuid: lpar.lpar_uuid,
    lpar_name: lpar.lpar_name,
    mapped,
  };
  if (identity.flavor) base['flavor'] = Object.freeze({ ...identity.flavor });
  if (identity.user_metadata && Object.keys(identity.user_metadata).length > 0) {
    base['user_metadata'] = Object.freeze({ ...identity.user_metadata });
  }
  const resource = (resourceId: string, metadata: Record<string, unknown>): Resource => ({
    lpar,
    identity,
    id: resourceId,
    // Frozen: its signature text is computed once, so it must not change under the samples.
    metadata: signer.share('resource_metadata', Object.freeze(metadata)),
  });
  if (entity === 'vnic') {
    const vnic = target as Entities['vnic'];
    const instanceName = identity.instance_name ?? lpar.lpar_name;
    return resource(`${instanceName}-${id}-${vnic.name}`, {
      ...base,
      name: vnic.name,
      vnic_name: vnic.name,
      mac: vnic.mac,
      fref: null,
      parameters: null,
    });
  }
  if (entity === 'disk') {
    const disk = target as Entities['disk'];
    return resource(`${id}-${disk.device}`, { ...base, disk_name: disk.device });
  }
  return resource(id, base);
}

const COUNTER_TYPES: readonly string[] = ['gauge', 'delta', 'cumulative'];
const NON_EMPTY_KEYS = ['source', 'counter_name', 'resource_id', 'timestamp', 'message_id'] as const;

/** Why Ceilometer would refuse this sample, or undefined if it is fine. */
export function problemOf(sample: Partial<CeilometerSample>): string | undefined {
  for (const key of REQUIRED_KEYS) {
    if (sample[key] === undefined) return `missing ${key}`;
  }
  const s = sample as CeilometerSample;
  if (typeof s.counter_volume !== 'number' || !Number.isFinite(s.counter_volume)) {
    return `counter_volume is not a finite number (${String(s.counter_volume)})`;
  }
  if (!COUNTER_TYPES.includes(s.counter_type)) return `bad counter_type ${s.counter_type}`;
  for (const key of NON_EMPTY_KEYS) {
    if (typeof s[key] !== 'string' || s[key] === '') return `empty ${key}`;
  }
  if (typeof s.counter_unit !== 'string') return 'counter_unit is not a string';
  for (const key of ['user_id', 'project_id'] as const) {
    if (s[key] !== null && typeof s[key] !== 'string') return `${key} is neither a string nor null`;
  }
  if (typeof s.resource_metadata !== 'object' || s.resource_metadata === null)
    return 'resource_metadata is not a dict';
  return undefined;
}

/**
 * The sample's time as Ceilometer writes it: `2026-11-25T03:41:09.950000` (naive UTC with
 * microseconds, `timeutils.utcnow().isoformat()`, §3a) or Kilo's `2015-06-01T12:00:00Z` (§2b).
 * An unparsable time gives undefined, which rejects the samples ("missing timestamp").
 */
export function formatTimestamp(iso: string, style: CeilometerProfile['timestamp']): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const text = new Date(ms).toISOString(); // 2026-11-25T03:41:09.950Z
  return style === 'kilo' ? `${text.slice(0, 19)}Z` : `${text.slice(0, 23)}000`;
}
