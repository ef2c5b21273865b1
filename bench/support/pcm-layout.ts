import { SeededRandom } from './seeded-random.js';

/**
 * The configuration and load of one generated managed system: every partition, adapter and pointer,
 * with each cumulative counter given as a start value and a rate. Documents for any instant are then
 * rendered from the same layout, so counters grow consistently between the previous and current one.
 */

/** A cumulative counter: its value `seconds` after the previous sample is start + perSecond × seconds. */
export interface Counter {
  start: number;
  perSecond: number;
}

export function valueAt(counter: Counter, seconds: number): number {
  return Math.round(counter.start + counter.perSecond * seconds);
}

export interface CycleCounters {
  entitled: Counter;
  capped: Counter;
  uncapped: Counter;
  idle: Counter;
  donated: Counter;
  dispatchWait: Counter;
  instructions: Counter;
  instructionTime: Counter;
}

export interface TrafficCounters {
  receivedPackets: Counter;
  sentPackets: Counter;
  droppedPackets: Counter;
  receivedBytes: Counter;
  sentBytes: Counter;
}

export interface IoCounters {
  reads: Counter;
  writes: Counter;
  readBytes: Counter;
  writeBytes: Counter;
}

export interface EthernetAdapter {
  location: string;
  vlanId: number;
  vswitchId: number;
  traffic: TrafficCounters;
  /** The share of the traffic that crossed to a physical network (phyp's `…Physical…` keys). */
  physical: TrafficCounters;
}

export interface Processor {
  mode: 'uncap' | 'cap' | 'share_idle_procs';
  /** Absent for dedicated-processor partitions, as in the captures. */
  poolId: number | undefined;
  weight: number | undefined;
  virtualProcessors: number;
  procUnits: number;
}

export interface Partition {
  id: number;
  uuid: string;
  name: string;
  affinityScore: number;
  memoryMb: number;
  processor: Processor;
  cycles: CycleCounters;
  ethernet: EthernetAdapter[];
}

/** Client vSCSI adapter: points at the server adapter (vhost) in slot `serverSlot` of VIOS `viosId`. */
export interface VscsiPointer {
  clientLocation: string;
  viosId: number;
  serverSlot: number;
}

/** Client vFC adapter: the VIOS finds it by the first of its two WWPNs, logged in on an NPIV port. */
export interface VfcPointer {
  clientLocation: string;
  viosId: number;
  wwpns: [bigint, bigint];
}

export interface ClientLpar extends Partition {
  vscsi: VscsiPointer[];
  vfc: VfcPointer[];
}

export interface Vhost {
  name: string;
  location: string;
  io: IoCounters;
}

export interface NpivPort {
  name: string;
  wwpn: bigint;
  io: IoCounters;
}

export interface FcPort {
  name: string;
  wwpn: bigint;
  location: string;
  io: IoCounters;
  npiv: NpivPort[];
}

/** A device of the VIOS's own network view (vios_N file): `ent0` … and the SEA that bridges them. */
export interface NetworkDevice {
  name: string;
  type: 'physical' | 'virtual' | 'sea';
  location: string;
  traffic: TrafficCounters;
}

export interface Vios extends Partition {
  utilizedMemMb: number;
  networkDevices: NetworkDevice[];
  sea: NetworkDevice & { bridged: string[] };
  sas: IoCounters;
  sharedStoragePool: IoCounters;
  vhosts: Vhost[];
  fcPorts: FcPort[];
  /** Next free VIOS-side virtual slot for a server adapter. */
  nextSlot: number;
}

export interface Pool {
  id: number;
  name: string;
  maxProcUnits: number;
  borrowedProcUnits: number;
  utilizedCycles: Counter;
}

export interface SystemLayout {
  uuid: string;
  name: string;
  mtms: string;
  /** `U9080.HEX.78AB123`: the prefix of every virtual slot's location code. */
  locationPrefix: string;
  /** Physical I/O drawer location prefix, for physical adapters. */
  drawerPrefix: string;
  cyclesPerSecond: number;
  /** Time-base cycles per processor unit since power-on. */
  timeBase: Counter;
  configurableProcUnits: number;
  availableProcUnits: number;
  totalMemMb: number;
  availableMemMb: number;
  firmwareMemMb: number;
  firmwareCycles: Counter;
  pools: Pool[];
  lpars: ClientLpar[];
  vioses: Vios[];
}

const CYCLES_PER_SECOND = 512_000_000;
const VIOS_COUNT = 2;
const POOL_NAMES = ['DefaultPool', 'SharedPool01', 'SharedPool02'];
/** The client LPARs' first virtual slots: Ethernet from C2, vSCSI from C10, vFC from C20. */
const ETHERNET_SLOT = 2;
const VSCSI_SLOT = 10;
const VFC_SLOT = 20;
/** IBM's prefix for client virtual WWPNs (0xC05076…): every such WWPN is above 2^53. */
const CLIENT_WWPN_BASE = 0xc0507609_00000000n;

export function layoutSystem(lparCount: number, seed: number): SystemLayout {
  const random = new SeededRandom(seed);
  const serial = `78${random.int(0x10000, 0xfffff).toString(16).toUpperCase()}`;
  const locationPrefix = `U9080.HEX.${serial}`;
  const systemUptime = random.range(30, 120) * 86_400;
  const vioses = Array.from({ length: VIOS_COUNT }, (_, index) =>
    layoutVios(index + 1, random, locationPrefix, systemUptime),
  );
  let nextWwpn = CLIENT_WWPN_BASE + BigInt(random.int(0, 0xffff) * 0x10000);
  const takeWwpns = (): [bigint, bigint] => {
    const pair: [bigint, bigint] = [nextWwpn, nextWwpn + 1n];
    nextWwpn += 2n;
    return pair;
  };
  const lpars = Array.from({ length: lparCount }, (_, index) =>
    layoutLpar(index, random, locationPrefix, systemUptime, vioses, takeWwpns),
  );
  for (const port of vioses.flatMap((vios) => vios.fcPorts)) port.io = sumIo(port.npiv.map((n) => n.io));
  const systemCapacity = capacity([...lpars, ...vioses]);
  return {
    uuid: random.uuid(),
    name: `bench-${lparCount}`,
    mtms: `9080-HEX*${serial}`,
    locationPrefix,
    drawerPrefix: `U78DA.ND0.WZS${random.int(1000, 9999)}`,
    cyclesPerSecond: CYCLES_PER_SECOND,
    timeBase: counter(CYCLES_PER_SECOND, systemUptime),
    ...systemCapacity,
    firmwareCycles: counter(CYCLES_PER_SECOND * 0.02, systemUptime),
    pools: layoutPools(lpars, systemCapacity.configurableProcUnits, random, systemUptime),
    lpars,
    vioses,
  };
}

function capacity(
  partitions: Partition[],
): Pick<
  SystemLayout,
  'configurableProcUnits' | 'availableProcUnits' | 'totalMemMb' | 'availableMemMb' | 'firmwareMemMb'
> {
  const assignedUnits = partitions.reduce((sum, p) => sum + p.processor.procUnits, 0);
  const assignedMem = partitions.reduce((sum, p) => sum + p.memoryMb, 0);
  const configurableProcUnits = Math.ceil(assignedUnits * 1.25);
  const firmwareMemMb = 4096 + partitions.length * 64;
  const totalMemMb = Math.ceil(((assignedMem + firmwareMemMb) * 1.2) / 16_384) * 16_384;
  return {
    configurableProcUnits,
    availableProcUnits: round2(configurableProcUnits - assignedUnits),
    totalMemMb,
    availableMemMb: totalMemMb - assignedMem - firmwareMemMb,
    firmwareMemMb,
  };
}

function layoutVios(id: number, random: SeededRandom, prefix: string, uptime: number): Vios {
  const drawer = `U78DA.ND0.WZS0001-P1-C${id + 6}`;
  const device = (name: string, type: NetworkDevice['type'], location: string): NetworkDevice => ({
    name,
    type,
    location,
    traffic: trafficCounters(random.range(1e5, 5e7), random.range(1e5, 5e7), uptime),
  });
  const processor: Processor = {
    mode: 'uncap',
    poolId: 0,
    weight: 255,
    virtualProcessors: 8,
    procUnits: 2,
  };
  return {
    id,
    uuid: random.uuid(),
    name: `bench-vios${id}`,
    affinityScore: 100,
    memoryMb: 16_384,
    processor,
    cycles: cycles(processor, random, uptime),
    // The trunk adapters that bridge the client VLANs to the SEA.
    ethernet: [2, 12].map((slot) => ethernetAdapter(`${prefix}-V${id}-C${slot}`, random, uptime)),
    utilizedMemMb: random.int(4096, 12_288),
    networkDevices: [
      device('ent4', 'virtual', `${prefix}-V${id}-C2-T1`),
      ...[0, 1, 2, 3].map((port) => device(`ent${port}`, 'physical', `${drawer}-T${port + 1}`)),
      device('ent5', 'virtual', `${prefix}-V${id}-C12-T1`),
    ],
    sea: { ...device('ent6', 'sea', `${prefix}-V${id}-C12-T1`), bridged: ['ent3', 'ent5'] },
    sas: ioCounters(random, uptime, 10),
    sharedStoragePool: ioCounters(random, uptime, 5),
    vhosts: [],
    fcPorts: [0, 1, 2, 3].map((port) => ({
      name: `fcs${port}`,
      wwpn: 0x10000090_fa000000n + BigInt(id * 16 + port),
      location: `U78DA.ND0.WZS0001-P1-C${id + 2}-T${port + 1}`,
      io: ioCounters(random, uptime, 0), // replaced by the sum of its NPIV ports once they are known
      npiv: [],
    })),
    nextSlot: 100,
  };
}

function layoutLpar(
  index: number,
  random: SeededRandom,
  prefix: string,
  systemUptime: number,
  vioses: Vios[],
  takeWwpns: () => [bigint, bigint],
): ClientLpar {
  const id = VIOS_COUNT + 1 + index;
  const uptime = systemUptime * random.range(0.05, 1);
  const processor = lparProcessor(random);
  const slot = (n: number): string => `${prefix}-V${id}-C${n}`;
  // Dual-VIOS redundancy: the first path of each kind alternates between the VIOSes, the second
  // (when there is one) goes to the other VIOS.
  const viosFor = (path: number): Vios => vioses[(index + path) % vioses.length]!;
  const vscsi = Array.from({ length: random.int(1, 2) }, (_, path): VscsiPointer => {
    const vios = viosFor(path);
    const serverSlot = vios.nextSlot++;
    vios.vhosts.push({
      name: `vhost${vios.vhosts.length}`,
      location: `${prefix}-V${vios.id}-C${serverSlot}`,
      io: ioCounters(random, uptime, 1),
    });
    return { clientLocation: slot(VSCSI_SLOT + path), viosId: vios.id, serverSlot };
  });
  const vfc = Array.from({ length: random.int(1, 2) }, (_, path): VfcPointer => {
    const vios = viosFor(path);
    const wwpns = takeWwpns();
    const fc = vios.fcPorts[(index >> 1) % vios.fcPorts.length]!;
    const portNumber = vios.fcPorts.reduce((sum, port) => sum + port.npiv.length, 0);
    fc.npiv.push({ name: `vfc${portNumber}`, wwpn: wwpns[0], io: ioCounters(random, uptime, 1) });
    vios.nextSlot++;
    return { clientLocation: slot(VFC_SLOT + path), viosId: vios.id, wwpns };
  });
  return {
    id,
    uuid: random.uuid(),
    name: `bench-lpar-${String(index + 1).padStart(5, '0')}`,
    affinityScore: random.int(60, 100),
    memoryMb: random.pick([2048, 4096, 8192, 16_384, 32_768]),
    processor,
    cycles: cycles(processor, random, uptime),
    ethernet: Array.from({ length: random.int(1, 3) }, (_, n) =>
      ethernetAdapter(slot(ETHERNET_SLOT + n), random, uptime),
    ),
    vscsi,
    vfc,
  };
}

function lparProcessor(random: SeededRandom): Processor {
  const virtualProcessors = random.int(1, 8);
  const mode = random.pick(['uncap', 'uncap', 'uncap', 'cap', 'share_idle_procs'] as const);
  if (mode === 'share_idle_procs') {
    return { mode, poolId: undefined, weight: undefined, virtualProcessors, procUnits: virtualProcessors };
  }
  return {
    mode,
    poolId: random.pick([0, 0, 1, 2]),
    weight: mode === 'uncap' ? random.int(1, 255) : 0,
    virtualProcessors,
    procUnits: round2(virtualProcessors * random.range(0.1, 1)),
  };
}

/**
 * Cycle counters consistent with what the inspector derives from them: capped cycles include the
 * idle and donated ones (§12.2), uncapped cycles only exist in uncapped mode, only dedicated
 * partitions donate.
 */
function cycles(processor: Processor, random: SeededRandom, uptime: number): CycleCounters {
  const entitled = processor.procUnits * CYCLES_PER_SECOND;
  const capped = entitled * random.range(0.05, 0.9);
  const uncapped = processor.mode === 'uncap' ? entitled * random.range(0, 1.5) : 0;
  const donated = processor.mode === 'share_idle_procs' ? capped * random.range(0, 0.2) : 0;
  return {
    entitled: counter(entitled, uptime),
    capped: counter(capped, uptime),
    uncapped: counter(uncapped, uptime),
    idle: counter(capped * random.range(0.1, 0.4), uptime),
    donated: counter(donated, uptime),
    dispatchWait: counter(entitled * random.range(0, 0.01), uptime),
    instructions: counter((capped + uncapped) * random.range(0.8, 2.5), uptime),
    instructionTime: counter((capped + uncapped) * random.range(0.5, 0.95), uptime),
  };
}

function ethernetAdapter(location: string, random: SeededRandom, uptime: number): EthernetAdapter {
  const traffic = trafficCounters(random.range(1e3, 2e6), random.range(1e3, 2e6), uptime);
  const share = random.range(0, 0.5);
  return {
    location,
    vlanId: random.pick([1, 100, 200, 300, 2227]),
    vswitchId: random.pick([0, 0, 1]),
    traffic,
    physical: trafficCounters(
      traffic.receivedBytes.perSecond * share,
      traffic.sentBytes.perSecond * share,
      uptime,
    ),
  };
}

function trafficCounters(receivedBytes: number, sentBytes: number, uptime: number): TrafficCounters {
  // About 900 bytes a packet, one drop in 100,000.
  return {
    receivedPackets: counter(receivedBytes / 900, uptime),
    sentPackets: counter(sentBytes / 900, uptime),
    droppedPackets: counter(receivedBytes / 9e7, uptime),
    receivedBytes: counter(receivedBytes, uptime),
    sentBytes: counter(sentBytes, uptime),
  };
}

/** Disk traffic of one adapter; `scale` multiplies a typical virtual disk's load. */
function ioCounters(random: SeededRandom, uptime: number, scale: number): IoCounters {
  const reads = random.range(1, 500) * scale;
  const writes = random.range(1, 300) * scale;
  const blockSize = random.pick([4096, 8192, 65_536]);
  return {
    reads: counter(reads, uptime),
    writes: counter(writes, uptime),
    readBytes: counter(reads * blockSize, uptime),
    writeBytes: counter(writes * blockSize, uptime),
  };
}

function sumIo(parts: IoCounters[]): IoCounters {
  const sum = (pick: (io: IoCounters) => Counter): Counter => ({
    start: parts.reduce((total, io) => total + pick(io).start, 0),
    perSecond: parts.reduce((total, io) => total + pick(io).perSecond, 0),
  });
  return {
    reads: sum((io) => io.reads),
    writes: sum((io) => io.writes),
    readBytes: sum((io) => io.readBytes),
    writeBytes: sum((io) => io.writeBytes),
  };
}

/** The default pool spans the system; user-defined pools are sized to their members. */
function layoutPools(
  lpars: ClientLpar[],
  configurableProcUnits: number,
  random: SeededRandom,
  uptime: number,
): Pool[] {
  return POOL_NAMES.map((name, id) => {
    const members = lpars.filter((lpar) => lpar.processor.poolId === id);
    const entitled = members.reduce((sum, lpar) => sum + lpar.processor.procUnits, 0);
    const used = members.reduce(
      (sum, lpar) => sum + lpar.cycles.capped.perSecond + lpar.cycles.uncapped.perSecond,
      0,
    );
    return {
      id,
      name,
      maxProcUnits: id === 0 ? configurableProcUnits : Math.max(1, Math.ceil(entitled * 1.5)),
      borrowedProcUnits: round2(random.range(0, 2)),
      utilizedCycles: counter(used, uptime),
    };
  });
}

function counter(perSecond: number, uptime: number): Counter {
  return { start: perSecond * uptime, perSecond };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
