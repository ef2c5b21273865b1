import type { LparReading, Readings } from '../../inspector/index.js';
import {
  instancesOf,
  METRICS,
  type CeilometerMeter,
  type Entities,
  type Entity,
} from '../../metrics/index.js';
import type { InstanceDirectory, InstanceIdentity } from './identity/directory.js';
import { newMessageId } from './message-ids.js';
import { sends, unitOf, type CeilometerProfile } from './profiles.js';
import type { CeilometerSample } from './sample.js';
import { SampleParts, type LparPart, type ResourcePart } from './sample-parts.js';
import type { PreEncodedSample } from './transport/notification.js';

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
  /** Each writes its own JSON, so a notification or another thread takes its bytes. */
  samples: Array<CeilometerSample & PreEncodedSample>;
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
  const newId = options.newId ?? newMessageId;
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

  const parts = new SampleParts({
    source: options.source ?? 'openstack',
    timestamp: formatTimestamp(readings.system.time, profile.timestamp),
    monotonicTime: profile.monotonicTime,
    secret: options.secret,
  });
  const instances = instancesOf(readings);
  const samples: Conversion['samples'] = [];
  const rejected: RejectedSample[] = [];
  // Each resource's constant part is built once and shared by the ~15 samples about it, from a
  // part its LPAR's resources share.
  const lparParts = new Map<string, LparPart>();
  const resources: { [E in LparEntity]?: Array<Resource | undefined> } = {};
  const resourcesOf = (entity: LparEntity): Array<Resource | undefined> =>
    (resources[entity] ??= instances[entity].map(({ entity: target, owner }) => {
      const lpar = owner ?? (target as LparReading); // an LPAR has no owner: it is its own
      const resolved = identities.get(lpar.lpar_uuid);
      if (resolved === undefined) return undefined;
      let lparPart = lparParts.get(lpar.lpar_uuid);
      if (lparPart === undefined) {
        lparPart = lparPartOf(lpar, resolved, parts);
        lparParts.set(lpar.lpar_uuid, lparPart);
      }
      return { lpar, part: resourcePartOf(entity, target, lpar, resolved.identity, lparPart, parts) };
    }));

  for (const row of METRICS) {
    if (!row.ceilometer || !isLparEntity(row.entity)) continue;
    const entity: LparEntity = row.entity;
    for (const meter of row.ceilometer as readonly CeilometerMeter<LparEntity>[]) {
      if (!sends(profile, entity, meter as CeilometerMeter<Entity>)) continue;
      const meterPart = parts.meter(
        meter.meter,
        meter.type,
        unitOf(profile, meter as CeilometerMeter<Entity>),
      );
      const targets = instances[entity];
      const placed = resourcesOf(entity);
      for (let i = 0; i < targets.length; i++) {
        const resource = placed[i];
        if (resource === undefined) continue;
        const volume = meter.volume(targets[i]!.entity as Entities[LparEntity]);
        if (volume === null) continue;
        const messageId = newId();
        const reason = parts.problem(meterPart, resource.part, volume, messageId);
        if (reason !== undefined) {
          const sample = parts.unsigned(meterPart, resource.part, volume, messageId);
          rejected.push({ lpar: resource.lpar.lpar_name, meter: meter.meter, reason, sample });
          continue;
        }
        samples.push(parts.sample(meterPart, resource.part, volume, messageId));
      }
    }
  }
  return { samples, rejected, lpars };
}

interface Resolved {
  identity: InstanceIdentity;
  mapped: boolean;
}

/** The samples about one LPAR, vNIC or disk: their shared part, and the LPAR to name in a rejection. */
interface Resource {
  lpar: LparReading;
  part: ResourcePart;
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

/** The resource_metadata all of an LPAR's resources carry (§2f), but `name`. */
function lparPartOf(lpar: LparReading, { identity, mapped }: Resolved, parts: SampleParts): LparPart {
  const metadata: Record<string, unknown> = {
    display_name: identity.display_name ?? null,
    instance_id: identity.instance_id,
    instance_type: identity.flavor?.name ?? null,
    host: identity.host ?? null,
    instance_host: identity.instance_host ?? null,
    // Every instance sample carries the virtual processor count; Ceilometer's `cpu` sample needs it.
    cpu_number: lpar.cpu_number,
    lpar_uuid: lpar.lpar_uuid,
    lpar_name: lpar.lpar_name,
    mapped,
  };
  if (identity.flavor) metadata['flavor'] = Object.freeze({ ...identity.flavor });
  if (identity.user_metadata && Object.keys(identity.user_metadata).length > 0) {
    metadata['user_metadata'] = Object.freeze({ ...identity.user_metadata });
  }
  // Frozen: its texts are written once, so it must not change under the samples.
  return parts.lpar(identity.user_id, identity.project_id, Object.freeze(metadata));
}

/**
 * resource_id and resource_metadata by entity (§2e, §2f). `name` differs by entity, so it is the
 * resource's own, after the LPAR's keys.
 */
function resourcePartOf(
  entity: LparEntity,
  target: Entities[LparEntity],
  lpar: LparReading,
  identity: InstanceIdentity,
  lparPart: LparPart,
  parts: SampleParts,
): ResourcePart {
  const id = identity.instance_id;
  // nova-powervm names the partition after the instance, so the LPAR name stands in for it.
  const instanceName = identity.instance_name ?? lpar.lpar_name;
  if (entity === 'vnic') {
    const vnic = target as Entities['vnic'];
    return parts.resource(lparPart, `${instanceName}-${id}-${vnic.name}`, {
      name: vnic.name,
      vnic_name: vnic.name,
      mac: vnic.mac,
      fref: null,
      parameters: null,
    });
  }
  if (entity === 'disk') {
    const disk = target as Entities['disk'];
    return parts.resource(lparPart, `${id}-${disk.device}`, { name: instanceName, disk_name: disk.device });
  }
  return parts.resource(lparPart, id, { name: instanceName });
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
