/** The LPAR as the console names it: PCM's upper-case UUID and the partition name. */
export interface LparRef {
  uuid: string;
  name: string;
}

/** What Ceilometer knows about the Nova instance behind an LPAR (ceilometer.md §2e/§2f). */
export interface InstanceIdentity {
  /** The Nova server id (lower-case UUID): the instance meters' resource_id. */
  instance_id: string;
  project_id: string | null;
  user_id: string | null;
  display_name?: string;
  /** `OS-EXT-SRV-ATTR:instance_name`, e.g. `instance-0000002a` (first part of vNIC resource ids). */
  instance_name?: string;
  /** `OS-EXT-SRV-ATTR:host`: Ceilometer's `instance_host`. */
  instance_host?: string;
  /** Nova's `hostId` hash: Ceilometer's `host`. */
  host?: string;
  flavor?: { id?: string; name?: string };
  /** Server metadata under `metering.` with the prefix stripped and dots turned into `_` (§2f). */
  user_metadata?: Readonly<Record<string, string>>;
}

/** A source of LPAR → instance identities, consulted on every conversion; refreshed by its owner. */
export interface InstanceDirectory {
  lookup(lpar: LparRef): InstanceIdentity | undefined;
  refresh?(): Promise<void>;
}

/**
 * OpenStack instance UUID → the PowerVM partition UUID (powervm-pcm.md §12.1): the first hex digit
 * loses its top bit (`c` → `4`), then the whole string is upper-cased, as PCM writes UUIDs.
 * The mapping is many-to-one, so there is no inverse.
 */
export function powervmUuid(instanceId: string): string {
  const first = Number.parseInt(instanceId.charAt(0), 16);
  if (Number.isNaN(first)) return instanceId.toUpperCase();
  return ((first & 7).toString(16) + instanceId.slice(1)).toUpperCase();
}

/** Nova's `metering.*` server metadata as Ceilometer puts it in `user_metadata` (§2f). */
export function meteringMetadata(
  metadata: Readonly<Record<string, unknown>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (!key.startsWith('metering.')) continue;
    out[key.slice('metering.'.length).replaceAll('.', '_')] = String(value).slice(0, 256);
  }
  return out;
}
