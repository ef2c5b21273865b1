import { EncodedSample } from './encoded-sample.js';
import type { WireDict, WireSample } from './types.js';

/** The sample's wire dict. */
export function wireDict(sample: WireSample): WireDict {
  return sample instanceof EncodedSample ? sample.dict() : sample;
}

/**
 * The wire dict turned back into `Sample.as_dict()`, the unsigned form Ceilometer's file and http
 * publishers write (keys `name, type, unit, volume, user_id, project_id, resource_id, timestamp,
 * resource_metadata, source, id, monotonic_time`, plus `user_name`/`project_name` when present).
 */
export function asSampleDict(wireSample: WireSample): Record<string, unknown> {
  const sample = wireDict(wireSample);
  const out: Record<string, unknown> = {
    name: sample['counter_name'],
    type: sample['counter_type'],
    unit: sample['counter_unit'],
    volume: sample['counter_volume'],
    user_id: sample['user_id'] ?? null,
    project_id: sample['project_id'] ?? null,
    resource_id: sample['resource_id'],
    timestamp: sample['timestamp'],
    resource_metadata: sample['resource_metadata'] ?? {},
    source: sample['source'],
    id: sample['message_id'],
    monotonic_time: sample['monotonic_time'] ?? null,
  };
  if ('user_name' in sample) out['user_name'] = sample['user_name'];
  if ('project_name' in sample) out['project_name'] = sample['project_name'];
  return out;
}
