import { numberAt, objectAt, stringAt, type JsonObject, type LparDocument } from '../powervm/index.js';

/** RMC error ids in the lpar file (powervm-pcm.md §7.3). */
const RMC_NOT_RUNNING = '6001';

/** lpar-file entries by partition UUID; a later entry for the same UUID wins, as in the phyp file. */
export function indexRmcEntries(doc: LparDocument | undefined): Map<string, JsonObject> {
  const byUuid = new Map<string, JsonObject>();
  for (const entry of doc?.entries ?? []) {
    const uuid = stringAt(entry, 'uuid');
    if (uuid) byUuid.set(uuid, entry);
  }
  return byUuid;
}

/**
 * Guest memory in use, MB: logicalMem × (100 − pctRealMemAvbl) / 100, falling back to pctRealMemFree
 * on older RSCT levels that lack pctRealMemAvbl (§14). pctRealMemAvbl leaves file cache out of
 * "used", which is what an operator means by memory pressure. A partition that is not running
 * (error 6001) uses nothing. Without RMC data (error 6003, or no entry) there is no reading:
 * pypowervm's placeholder "0 % free" would claim the guest is full.
 */
export function guestMemoryUsage(entry: JsonObject | undefined, logicalMb: number | null): number | null {
  if (!entry || logicalMb === null) return null;
  const error = objectAt(entry, 'errorInfo');
  if (error) return String(error['errorId']) === RMC_NOT_RUNNING ? 0 : null;
  const memory = objectAt(entry, 'memory');
  const freePercent = numberAt(memory, 'pctRealMemAvbl') ?? numberAt(memory, 'pctRealMemFree');
  if (freePercent === undefined || freePercent < 0 || freePercent > 100) return null;
  return (logicalMb * (100 - freePercent)) / 100;
}
