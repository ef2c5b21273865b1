import { hash32, Rng } from '../prng.js';
import type {
  ModelPartition,
  ModelSystem,
  ModelVios,
  NpivPort,
  SharedPool,
  VhostServer,
} from './estate-types.js';
import { buildLpar, buildVios, type SystemContext } from './partitions.js';

export interface EstateShape {
  seed: number;
  systems: number;
  lparsPerSystem: number;
  viosPerSystem: 1 | 2;
}

const MACHINES = [
  { type: '9009', model: '42A', cores: 20, memGb: 512 },
  { type: '9080', model: 'M9S', cores: 64, memGb: 2048 },
  { type: '9105', model: '22A', cores: 16, memGb: 256 },
  { type: '9040', model: 'MR9', cores: 48, memGb: 1024 },
  { type: '8286', model: '42A', cores: 24, memGb: 512 },
] as const;

/** Builds the whole inventory; everything follows from the seed. */
export function buildEstate(shape: EstateShape): ModelSystem[] {
  const serials = new Set<string>();
  return Array.from({ length: shape.systems }, (_, index) => buildSystem(shape, index, serials));
}

function buildSystem(shape: EstateShape, index: number, serials: Set<string>): ModelSystem {
  const rng = new Rng(shape.seed, 'system', index);
  const machine = rng.pick(MACHINES);
  let serial = '';
  while (serial === '' || serials.has(serial)) serial = `78${rng.hex(5).toUpperCase()}`;
  serials.add(serial);
  const locationPrefix = `U${machine.type}.${machine.model}.${serial}`;
  const viosIds = shape.viosPerSystem === 2 ? [1, 2] : [1];
  const ctx: SystemContext = {
    seed: shape.seed,
    systemIndex: index,
    locationPrefix,
    macPrefix: `${(0x02 | (rng.int(0, 63) << 2)).toString(16).padStart(2, '0')}${rng.hex(4)}`,
    viosIds,
    hasSecondPool: index % 2 === 0,
    wwpnBase: 0xc050760000000000n + (BigInt(hash32(shape.seed, 'wwpn', index) & 0xfffff) << 20n),
  };
  const lpars = Array.from({ length: shape.lparsPerSystem }, (_, i) => buildLpar(ctx, i));
  const viosPartitions = viosIds.map((id) => buildVios(ctx, id));
  const all = [...viosPartitions, ...lpars];
  const usedUnits = all.reduce((n, p) => n + p.procUnits, 0);
  const usedMem = all.reduce((n, p) => n + p.memoryMb, 0);
  const configurableProcUnits = Math.max(machine.cores, Math.ceil(usedUnits * 1.25));
  const firmwareMemMb = 2048 + roundUp(usedMem * 0.03, 256);
  const configurableMemMb = Math.max(machine.memGb * 1024, roundUp((usedMem + firmwareMemMb) * 1.2, 4096));
  const enclosure = `U78D3.001.WZS${rng.hex(4).toUpperCase()}`;
  return {
    info: {
      uuid: rng.uuid(3),
      name: `Server-${machine.type}-${machine.model}-SN${serial}`,
      machineType: machine.type,
      model: machine.model,
      serial,
      mtms: `${machine.type}-${machine.model}*${serial}`,
      ip: `10.10.${index}.21`,
      installedProcUnits: configurableProcUnits + rng.pick([0, 4, 8]),
      configurableProcUnits,
      availableProcUnits: Math.round((configurableProcUnits - usedUnits) * 100) / 100,
      installedMemMb: configurableMemMb,
      configurableMemMb,
      availableMemMb: configurableMemMb - usedMem - firmwareMemMb,
    },
    locationPrefix,
    lpars,
    vioses: viosPartitions.map((partition, v) => attachVios(partition, v, enclosure, lpars, rng)),
    pools: pools(ctx.hasSecondPool, configurableProcUnits, lpars),
    firmwareMemMb,
    iplPhaseSeconds: rng.int(0, 86_400 * 90),
  };
}

/** Wires the VIOS's server adapters to the client adapters that point at it, numbering them per VIOS. */
function attachVios(
  partition: ModelPartition,
  position: number,
  enclosure: string,
  lpars: readonly ModelPartition[],
  rng: Rng,
): ModelVios {
  const vhosts: VhostServer[] = [];
  const npivPorts: NpivPort[] = [];
  for (const client of lpars) {
    for (const adapter of client.vscsi) {
      if (adapter.viosId === partition.id) {
        vhosts.push({ name: `vhost${vhosts.length}`, slot: adapter.viosSlot, client, adapter });
      }
    }
    for (const adapter of client.vfc) {
      if (adapter.viosId === partition.id) {
        npivPorts.push({ name: `vfc${npivPorts.length}`, fcsIndex: npivPorts.length % 2, client, adapter });
      }
    }
  }
  return {
    partition,
    enclosure,
    cards: { ethernet: 10 + position, fibre: 3 + position, sas: 14 + position },
    fcsWwpnPrefix: `10000090fa${rng.hex(4)}`,
    primary: position === 0,
    vhosts,
    npivPorts,
  };
}

function pools(second: boolean, configurable: number, lpars: readonly ModelPartition[]): SharedPool[] {
  const defaultPool = { id: 0, name: 'DefaultPool', maxProcUnits: configurable };
  if (!second) return [defaultPool];
  const members = lpars.filter((p) => p.poolId === 1).reduce((n, p) => n + p.procUnits, 0);
  return [defaultPool, { id: 1, name: 'ProdPool', maxProcUnits: Math.max(2, Math.ceil(members * 1.5)) }];
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}
