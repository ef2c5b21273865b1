import {
  parsePcmJson,
  type LparDocument,
  type PhypDocument,
  type Sample,
  type ViosDocument,
} from '../../src/powervm/index.js';

/** 512 MHz time base, as in every capture: 512e6 cycles = one processor-unit second. */
export const CPS = 512_000_000;

export interface ProcessorCycles {
  entitled: number;
  capped: number;
  uncapped: number;
  idle?: number;
  donated?: number;
}

/** A client LPAR entry as the phyp file writes it; `extra` overrides or removes (undefined) keys. */
export function lparEntry(
  uuid: string,
  cycles: ProcessorCycles,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: Number.parseInt(uuid.slice(-2), 16) || 2,
    uuid,
    type: 'aixlinux',
    name: `lpar-${uuid.slice(0, 4).toLowerCase()}`,
    state: 'Running',
    affinityScore: 100,
    memory: { logicalMem: 8192, backedPhysicalMem: 8192 },
    processor: {
      poolId: 0,
      mode: 'uncap',
      maxVirtualProcessors: 4,
      maxProcUnits: 0.5,
      weight: 128,
      entitledProcCycles: cycles.entitled,
      utilizedCappedProcCycles: cycles.capped,
      utilizedUnCappedProcCycles: cycles.uncapped,
      idleProcCycles: cycles.idle ?? 0,
      donatedProcCycles: cycles.donated ?? 0,
    },
    ...extra,
  };
}

export function phyp(
  lpars: unknown[],
  extra: { vioses?: unknown[]; time?: string; sample?: object } = {},
): PhypDocument {
  const doc = {
    systemUtil: {
      utilInfo: {
        version: '1.3.0',
        metricType: 'Raw',
        monitoringType: 'LTM',
        mtms: '8247-22L*2125D4A',
        name: 'sys',
      },
      utilSample: {
        timeStamp: extra.time ?? '2025-01-01T00:00:30+0000',
        status: 0,
        errorInfo: [],
        timeBasedCycles: 1e12,
        systemFirmware: { utilizedProcCycles: 1e9, assignedMem: 4096 },
        processor: {
          totalProcUnits: 20,
          configurableProcUnits: 20,
          availableProcUnits: 10,
          procCyclesPerSecond: CPS,
        },
        memory: { totalMem: 65536, availableMem: 32768, configurableMem: 65536 },
        sharedProcessorPool: [],
        lparsUtil: lpars,
        viosUtil: extra.vioses ?? [],
        ...extra.sample,
      },
    },
  };
  return parsed(JSON.stringify(doc), 'phyp');
}

export function vios(id: number, storage: object = {}, extra: object = {}): ViosDocument {
  const doc = {
    systemUtil: {
      utilInfo: { version: '1.0.0', metricType: 'Raw', monitoringType: 'LTM', mtms: '8247-22L*2125D4A' },
      utilSample: {
        timeStamp: '2025-01-01T00:00:30+0000',
        status: 0,
        errorInfo: [],
        viosUtil: [{ id: String(id), name: `vios${id}`, memory: { utilizedMem: 2048 }, storage, ...extra }],
      },
    },
  };
  return parsed(JSON.stringify(doc), 'vios');
}

export function rmc(entries: unknown[]): LparDocument {
  return parsed(JSON.stringify({ lparUtil: entries }), 'lpar');
}

export function parsed<K extends 'phyp' | 'vios' | 'lpar'>(text: string, kind: K) {
  const doc = parsePcmJson(text);
  if (doc.kind !== kind) throw new Error(`expected a ${kind} document, parsed a ${doc.kind}`);
  return doc as Extract<ReturnType<typeof parsePcmJson>, { kind: K }>;
}

export function sample(doc: PhypDocument, timeSeconds: number, parts: Partial<Sample> = {}): Sample {
  return {
    system: { uuid: 'sys-uuid', name: 'sys', mtms: '8247-22L*2125D4A' },
    time: timeSeconds * 1000,
    phyp: doc,
    vios: [],
    lpar: undefined,
    macs: new Map(),
    ...parts,
  };
}
