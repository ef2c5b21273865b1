import { METRICS, type CeilometerMeter, type Entity } from '../../metrics/index.js';

/**
 * Which Ceilometer release the samples are shaped for: the meters sent, the memory unit string and
 * the timestamp/monotonic_time conventions (reference ceilometer.md §2 and §3).
 *
 * The meters themselves (names, types, units, volumes) are defined once, in src/metrics/table.ts.
 * A profile only filters them: by the table's `legacy` flag, by entity, and by a short list of
 * release differences that the table cannot express (meters a release does not poll). Those lists
 * refer to table meters by name; test/unit/sinks/ceilometer/profiles.test.ts checks that every
 * such name is a table meter, so a rename in the table cannot silently empty a rule.
 */
export interface CeilometerProfile {
  name: ProfileName;
  /** The Ceilometer release(s) this profile targets, for docs and logs. */
  release: string;
  /** Send meters the table marks `legacy` (cpu_util, disk.device.iops, network.*.bytes.rate). */
  legacy: boolean | { entities: readonly Entity[] };
  /** Meters this release does not poll, although the table defines them. */
  without: readonly string[];
  /** Unit string of the memory meters (the table writes `MB`; PowerVM's MB are MiB, so volumes do not change). */
  memoryUnit: 'MB' | 'MiB';
  /** `kilo`: `2015-06-01T12:00:00Z` (timeutils.isotime); `micro`: `2026-11-25T03:41:09.950667` (naive UTC). */
  timestamp: 'kilo' | 'micro';
  /** Send `monotonic_time` (null): the key exists from Pike 9.0.0 on (§3b). */
  monotonicTime: boolean;
}

export const PROFILE_NAMES = ['kilo', 'zed', '2025.1', '2025.2', '2026.1', 'current'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Meters that older releases got from Nova notifications, not from the compute pollsters (§2b, §2a 25.0.0). */
const FROM_NOVA_NOTIFICATIONS = ['vcpus', 'memory'];

/** Meters added in Ocata 8.0.0 (§2a): a Kilo/Liberty consumer does not know them. */
const ADDED_IN_OCATA = [
  'network.incoming.packets.drop',
  'network.outgoing.packets.drop',
  'network.incoming.packets.error',
  'network.outgoing.packets.error',
];

/** From 24.0.0 no legacy meter except the per-vNIC byte rates, which master still polls (§2a, §2d). */
const RATES_ONLY: CeilometerProfile['legacy'] = { entities: ['vnic'] };

export const PROFILES: Readonly<Record<ProfileName, CeilometerProfile>> = {
  /**
   * Kilo 2015.1 / Liberty 5.0.0 (§2b; ceilometer-powervm started at Liberty): cpu_util, the vNIC
   * byte rates and disk.device.iops are pollster meters; no packet drop/error meters yet (Ocata);
   * vcpus and memory come from Nova notifications. Memory in MB, `Z` timestamps, no monotonic_time.
   */
  kilo: {
    name: 'kilo',
    release: '2015.1 Kilo / 5.0.0 Liberty',
    legacy: true,
    without: [...FROM_NOVA_NOTIFICATIONS, ...ADDED_IN_OCATA],
    memoryUnit: 'MB',
    timestamp: 'kilo',
    monotonicTime: false,
  },
  /**
   * Zed 19.0.0, what Debian bookworm ships (§2c): every table meter except vcpus and memory
   * (still from Nova notifications, §2a 25.0.0). Memory in MB.
   */
  zed: {
    name: 'zed',
    release: '19.0.0 Zed (Debian bookworm)',
    legacy: true,
    without: FROM_NOVA_NOTIFICATIONS,
    memoryUnit: 'MB',
    timestamp: 'micro',
    monotonicTime: true,
  },
  /**
   * 24.0.0 2025.1 (§2a): cpu_util gone (24.0.0), disk.device.iops gone (23.0.0); the vNIC byte
   * rates remain pollster meters. vcpus/memory still from notifications. Memory in MB.
   */
  '2025.1': {
    name: '2025.1',
    release: '24.0.0 2025.1',
    legacy: RATES_ONLY,
    without: FROM_NOVA_NOTIFICATIONS,
    memoryUnit: 'MB',
    timestamp: 'micro',
    monotonicTime: true,
  },
  /** 25.0.0 2025.2 (§2a, §2d): as 2025.1 plus vcpus and memory as pollsters; memory still in MB. */
  '2025.2': {
    name: '2025.2',
    release: '25.0.0 2025.2',
    legacy: RATES_ONLY,
    without: [],
    memoryUnit: 'MB',
    timestamp: 'micro',
    monotonicTime: true,
  },
  /** 26.0.0 2026.1 and master (§2d): as 2025.2, all memory units `MiB` (447b6dcdc). */
  '2026.1': {
    name: '2026.1',
    release: '26.0.0 2026.1',
    legacy: RATES_ONLY,
    without: [],
    memoryUnit: 'MiB',
    timestamp: 'micro',
    monotonicTime: true,
  },
  /** The newest release the reference describes (master at HEAD b4ccf2447 = 26.0.0 set, §2d). */
  current: {
    name: 'current',
    release: 'master (as 26.0.0 2026.1)',
    legacy: RATES_ONLY,
    without: [],
    memoryUnit: 'MiB',
    timestamp: 'micro',
    monotonicTime: true,
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

/** The profile of that name; throws naming the known profiles otherwise. */
export function profile(name: string): CeilometerProfile {
  if (!isProfileName(name)) {
    throw new Error(`unknown Ceilometer profile "${name}" (known: ${PROFILE_NAMES.join(', ')})`);
  }
  return PROFILES[name];
}

/** Whether `profile` sends `meter` of a row about `entity`. */
export function sends(profile: CeilometerProfile, entity: Entity, meter: CeilometerMeter<Entity>): boolean {
  if (profile.without.includes(meter.meter)) return false;
  if (!meter.legacy) return true;
  return profile.legacy === true || (profile.legacy !== false && profile.legacy.entities.includes(entity));
}

/** The unit string `profile` sends for `meter` (only memory units differ between releases). */
export function unitOf(profile: CeilometerProfile, meter: CeilometerMeter<Entity>): string {
  return meter.unit === 'MB' ? profile.memoryUnit : meter.unit;
}

export interface ProfiledMeter {
  entity: Entity;
  meter: string;
  type: CeilometerMeter<Entity>['type'];
  unit: string;
}

/** Every meter `profile` sends, in table order, with the unit it sends. */
export function metersOf(profile: CeilometerProfile): ProfiledMeter[] {
  const out: ProfiledMeter[] = [];
  for (const row of METRICS) {
    for (const m of (row.ceilometer ?? []) as readonly CeilometerMeter<Entity>[]) {
      if (sends(profile, row.entity, m)) {
        out.push({ entity: row.entity, meter: m.meter, type: m.type, unit: unitOf(profile, m) });
      }
    }
  }
  return out;
}
