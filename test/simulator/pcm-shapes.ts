/** Just enough typing of the PCM JSON for the document tests, plus a helper reading a whole LTM window. */
import type { LtmEntry, SimSession } from './sim-client.js';

export interface Processor {
  poolId?: number;
  mode: string;
  maxProcUnits: number;
  entitledProcCycles: number;
  utilizedCappedProcCycles: number;
  utilizedUnCappedProcCycles: number;
  idleProcCycles: number;
  donatedProcCycles: number;
  [key: string]: number | string | undefined;
}
export interface Vea {
  physicalLocation: string;
  receivedBytes: number;
  sentBytes: number;
  [key: string]: number | string | boolean;
}
export interface Lpar {
  id: number;
  uuid: string;
  name: string;
  state: string;
  memory: { logicalMem: number; backedPhysicalMem: number };
  processor: Processor;
  network?: { virtualEthernetAdapters: Vea[] };
  storage?: {
    genericVirtualAdapters: Array<{ physicalLocation: string; viosId: number; viosAdapterSlotId: number }>;
    virtualFiberChannelAdapters?: Array<{ viosId: number }>;
  };
}
export interface Phyp {
  systemUtil: {
    utilInfo: Record<string, string>;
    utilSample: Record<string, unknown> & {
      lparsUtil: Lpar[];
      viosUtil: Array<{ id: number; processor: Processor }>;
    };
  };
}
export interface IoAdapter {
  id: string;
  physicalLocation: string;
  numOfReads: number;
  numOfWrites: number;
  readBytes: number;
  writeBytes: number;
  wwpn?: string;
  ports?: IoAdapter[];
}
export interface Vios {
  systemUtil: {
    utilSample: {
      viosUtil: Array<{
        id: string;
        storage: { genericVirtualAdapters: IoAdapter[]; fiberChannelAdapters: IoAdapter[] };
        network: { sharedAdapters: Array<{ bridgedAdapters: string[] }> };
      }>;
    };
  };
}

/** Every phyp sample of the window, oldest first, with the vios files of the same instant. */
export async function window(
  c: SimSession,
): Promise<Array<{ entry: LtmEntry; phyp: Phyp; text: string; vios: Map<string, string> }>> {
  const entries = await c.ltmFeed();
  const phyp = entries.filter((e) => e.category === 'phyp').sort((a, b) => a.time - b.time);
  return Promise.all(
    phyp.map(async (entry) => {
      const text = await c.text(entry.href);
      const vios = new Map<string, string>();
      for (const v of entries.filter((e) => e.category.startsWith('vios_') && e.updated === entry.updated)) {
        vios.set(v.category, await c.text(`${v.href}?group=None`));
      }
      return { entry, phyp: JSON.parse(text) as Phyp, text, vios };
    }),
  );
}

export const CPU_KEYS = [
  'entitledProcCycles',
  'utilizedCappedProcCycles',
  'utilizedUnCappedProcCycles',
  'idleProcCycles',
  'donatedProcCycles',
  'timeSpentWaitingForDispatch',
  'totalInstructions',
  'totalInstructionsExecutionTime',
] as const;
