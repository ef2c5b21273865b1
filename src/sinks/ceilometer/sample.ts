import type { CeilometerType } from '../../metrics/index.js';

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
