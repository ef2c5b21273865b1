import { toJsonText, type JsonValue } from '../json-text.js';
import { compactTimeStamp } from '../time-format.js';
import type { ModelPartition, ModelSystem } from './estate-types.js';
import { isRunning } from './schedule.js';

const PAGES_PER_MB = 256;

/** Guest memory as RMC reports it (powervm-pcm.md §7.3): data for running partitions, errors otherwise. */
export function renderLpar(system: ModelSystem, instantMs: number): string {
  const t = instantMs / 1000;
  return toJsonText({ lparUtil: system.lpars.map((p) => entry(p, t, instantMs)) });
}

function entry(p: ModelPartition, t: number, instantMs: number): JsonValue {
  if (!isRunning(p.schedule, t)) {
    // The console no longer knows a stopped partition's name here and repeats its UUID instead.
    return failure(p, p.uuid, '6001', 'Lpar is not in running state on Managed System');
  }
  if (!p.rmcActive) return failure(p, p.name, '6003', 'RMC is INACTIVE on lpar');
  const level = Math.min(1, Math.max(0, p.load.busy.value(t)));
  const used = 0.35 + 0.4 * level;
  const pagingPages = Math.min(p.memoryMb, 8192) * PAGES_PER_MB;
  return {
    uuid: p.uuid,
    id: String(p.id),
    name: p.name,
    memory: {
      pctRealMemAvbl: Math.round((1 - used) * 100),
      totalPgSpSizeCount: pagingPages,
      totalPgSpFreeCount: Math.floor(pagingPages * (0.97 - 0.1 * level)),
      vmActivePgCount: Math.floor(p.memoryMb * PAGES_PER_MB * used * 0.8),
      realMemSizeBytes: p.memoryMb * 1024 * 1024,
      // AIX keeps the free list short and the rest as file cache, so free is well below available.
      pctRealMemFree: Math.round((1 - used) * 40),
      vmPgInRate: Math.round(level * 40),
      vmPgOutRate: Math.round(level * 25),
      vmPgSpInRate: level > 0.9 ? 2 : 0,
      vmPgSpOutRate: level > 0.9 ? 1 : 0,
    },
    timeStamp: compactTimeStamp(instantMs),
  };
}

function failure(p: ModelPartition, name: string, errorId: string, message: string): JsonValue {
  return { uuid: p.uuid, id: String(p.id), name, errorInfo: { errorId, message }, timeStamp: null };
}
