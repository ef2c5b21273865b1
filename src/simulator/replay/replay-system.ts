import type {
  ClientNetworkAdapterInfo,
  PartitionInfo,
  PcmSource,
  SimulatedSystem,
  SystemInfo,
} from '../console-types.js';
import { hash32, Rng } from '../prng.js';
import { asArray, dig, type ReplayFile } from './replay-files.js';

/**
 * One managed system serving captured files. The phyp files, in the order given, become consecutive
 * samples one interval apart, the last at the interval boundary before start-up (their own timeStamps
 * are unreliable). Every other category is matched by position when it has as many files as phyp,
 * else its first file is repeated at every instant. Replayed samples never expire.
 */
export function buildReplaySystem(
  files: readonly ReplayFile[],
  seed: number,
  intervalMs: number,
  startMs: number,
): SimulatedSystem {
  const phyp = files.filter((f) => f.kind === 'phyp');
  const last = phyp[phyp.length - 1];
  if (!last) throw new Error('replay needs at least one phyp file');
  const latest = Math.floor(startMs / intervalMs) * intervalMs;
  const instants = phyp.map((_, i) => latest - (phyp.length - 1 - i) * intervalMs);
  const byCategory = new Map<string, ReplayFile[]>();
  for (const file of files) byCategory.set(file.category, [...(byCategory.get(file.category) ?? []), file]);
  const fileAt = (category: string, instant: number): ReplayFile | undefined => {
    const group = byCategory.get(category) ?? [];
    const position = instants.indexOf(instant);
    return position < 0 ? undefined : group.length === instants.length ? group[position] : group[0];
  };
  const pcm: PcmSource = {
    instants: (now) => instants.filter((t) => t <= now),
    categories: (instant) => [...byCategory.keys()].filter((c) => fileAt(c, instant) !== undefined),
    document: (category, instant) => fileAt(category, instant)?.text,
  };
  const info = systemInfo(last.json, seed);
  return { info, partitions: partitions(phyp, seed), pcm };
}

function systemInfo(phyp: unknown, seed: number): SystemInfo {
  const mtms = String(dig(phyp, 'systemUtil', 'utilInfo', 'mtms') ?? '0000-000*0000000');
  const [typeModel = '', serial = ''] = mtms.split('*');
  const [machineType = '', model = ''] = typeModel.split('-');
  const sample = dig(phyp, 'systemUtil', 'utilSample');
  const num = (...keys: string[]): number => Number(dig(sample, ...keys) ?? 0);
  return {
    uuid: new Rng(seed, 'replay', mtms).uuid(3),
    name: String(dig(phyp, 'systemUtil', 'utilInfo', 'name') ?? `Server-${machineType}-${model}-SN${serial}`),
    machineType,
    model,
    serial,
    mtms,
    ip: '127.0.0.1',
    installedProcUnits: num('processor', 'totalProcUnits'),
    configurableProcUnits: num('processor', 'configurableProcUnits'),
    availableProcUnits: num('processor', 'availableProcUnits'),
    installedMemMb: num('memory', 'totalMem'),
    configurableMemMb: num('memory', 'configurableMem'),
    availableMemMb: num('memory', 'availableMem'),
  };
}

/** Partitions as the last phyp file has them (a later duplicate UUID wins, as in pypowervm), with CNAs
 * synthesised from every virtual Ethernet location seen in any phyp file. */
function partitions(phyp: readonly ReplayFile[], seed: number): PartitionInfo[] {
  const adapters = new Map<string, Map<string, ClientNetworkAdapterInfo>>();
  for (const file of phyp) {
    for (const p of everyPartition(file.json)) {
      const uuid = String(dig(p.entry, 'uuid') ?? '').toUpperCase();
      const mine = adapters.get(uuid) ?? new Map<string, ClientNetworkAdapterInfo>();
      adapters.set(uuid, mine);
      for (const vea of asArray(dig(p.entry, 'network', 'virtualEthernetAdapters'))) {
        const location = String(dig(vea, 'physicalLocation') ?? '');
        mine.set(location, {
          location,
          slot: Number(/-C(\d+)$/.exec(location)?.[1] ?? 0),
          mac: replayMac(seed, location),
          pvid: Number(dig(vea, 'vlanId') ?? 0),
          vswitchId: Number(dig(vea, 'vswitchId') ?? 0),
        });
      }
    }
  }
  const latest = new Map<string, PartitionInfo>();
  for (const { entry, isVios } of everyPartition(phyp[phyp.length - 1]?.json)) {
    const uuid = String(dig(entry, 'uuid') ?? '').toUpperCase();
    const state = String(dig(entry, 'state') ?? 'Running');
    latest.set(uuid, {
      uuid,
      id: Number(dig(entry, 'id') ?? 0),
      name: String(dig(entry, 'name') ?? uuid),
      isVios,
      osType: isVios ? 'vios' : String(dig(entry, 'type') ?? 'aixlinux'),
      memoryMb: Number(dig(entry, 'memory', isVios ? 'assignedMem' : 'logicalMem') ?? 0),
      procUnits: Number(dig(entry, 'processor', 'maxProcUnits') ?? 0),
      rmcActive: state === 'Running',
      cnas: [...(adapters.get(uuid)?.values() ?? [])],
      stateAt: () => state,
    });
  }
  return [...latest.values()];
}

function everyPartition(phyp: unknown): Array<{ entry: unknown; isVios: boolean }> {
  const sample = dig(phyp, 'systemUtil', 'utilSample');
  return [
    ...asArray(dig(sample, 'viosUtil')).map((entry) => ({ entry, isVios: true })),
    ...asArray(dig(sample, 'lparsUtil')).map((entry) => ({ entry, isVios: false })),
  ];
}

/** Locally administered, stable per location. */
function replayMac(seed: number, location: string): string {
  const a = hash32(seed, 'mac', location);
  const b = hash32(seed, 'mac2', location);
  return (
    ((a & 0xfc) | 0x02).toString(16).padStart(2, '0') +
    (b >>> 0).toString(16).padStart(8, '0') +
    ((a >>> 8) & 0xff).toString(16).padStart(2, '0')
  ).toUpperCase();
}
