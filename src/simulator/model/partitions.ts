import { Rng } from '../prng.js';
import { isRunning, type Load, type Schedule } from './schedule.js';
import { constant, sine, steps } from './signals.js';
import type {
  IoProfile,
  ModelPartition,
  ProcessorMode,
  VfcClient,
  VirtualEthernet,
  VscsiClient,
} from './estate-types.js';

/** What a partition builder needs to know about the system it lives in. */
export interface SystemContext {
  seed: number;
  systemIndex: number;
  locationPrefix: string;
  macPrefix: string;
  viosIds: readonly number[];
  hasSecondPool: boolean;
  /** Upper 44 bits of this system's NPIV WWPNs (the real ones start c05076). */
  wwpnBase: bigint;
}

/**
 * Fixed roles for the first client LPARs, so every estate shows the interesting cases:
 * 0 a busy uncapped partition, 1 one that keeps rebooting, 2 one whose RMC is down, 3 one never started.
 */
type Role = 'busy' | 'cycling' | 'rmc-inactive' | 'never-activated' | 'ordinary';
const ROLES: readonly Role[] = ['busy', 'cycling', 'rmc-inactive', 'never-activated'];
const NAME_PREFIXES = ['db', 'app', 'web', 'mq', 'etl', 'batch', 'erp', 'ws', 'dev', 'test'] as const;

const CYCLE_DOWN_SECONDS = 180;

export function buildLpar(ctx: SystemContext, index: number): ModelPartition {
  const rng = new Rng(ctx.seed, 'lpar', ctx.systemIndex, index);
  const role = ROLES[index] ?? 'ordinary';
  const id = ctx.viosIds.length + 1 + index;
  const mode: ProcessorMode =
    role === 'busy' || role === 'cycling'
      ? 'uncap'
      : rng.next() < 0.6
        ? 'uncap'
        : rng.chance(0.6)
          ? 'cap'
          : 'share_idle_procs';
  const dedicated = mode === 'share_idle_procs';
  const procUnits =
    role === 'busy' ? 1 : dedicated ? rng.int(1, 2) : rng.pick([0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2]);
  const schedule = scheduleFor(role, rng);
  const prefix = NAME_PREFIXES[index % NAME_PREFIXES.length] ?? 'lpar';
  const name = `${prefix}${String(Math.floor(index / NAME_PREFIXES.length) + 1).padStart(2, '0')}`;
  const loc = (slot: number): string => `${ctx.locationPrefix}-V${id}-C${slot}`;
  const veas = buildVeas(rng, ctx, id, role === 'busy' ? 2 : rng.int(1, 3), role === 'busy' ? 8 : 1);
  const vscsi: VscsiClient[] = ctx.viosIds.map((viosId, v) => ({
    location: loc(10 + v),
    viosId,
    viosSlot: 1000 + index,
    io: ioProfile(rng, 1),
  }));
  const vfc: VfcClient[] =
    index % 3 !== 0
      ? []
      : ctx.viosIds.map((viosId, v) => {
          const first = ctx.wwpnBase + BigInt(index * 4 + v * 2);
          return {
            location: loc(20 + v),
            viosId,
            wwpns: [first, first + 1n] as const,
            pairKey: (index + v) % 4 === 3 ? 'wwpnPair' : 'wwpnpair',
            io: ioProfile(rng, 4),
          };
        });
  return {
    uuid: rng.uuid(4).toUpperCase(),
    id,
    name,
    isVios: false,
    osType: index % 20 === 19 ? 'ibmi' : 'aixlinux',
    memoryMb: role === 'busy' ? 65536 : rng.pick([2048, 4096, 8192, 16384, 32768]),
    procUnits,
    rmcActive: role !== 'rmc-inactive' && role !== 'never-activated',
    cnas: veas.map((v) => ({
      location: v.location,
      slot: v.slot,
      mac: v.mac,
      pvid: v.vlanId,
      vswitchId: v.vswitchId,
    })),
    stateAt: (ms) => (isRunning(schedule, ms / 1000) ? 'Running' : 'Not Activated'),
    schedule,
    load: loadFor(role, mode, schedule, rng),
    mode,
    poolId: dedicated ? undefined : ctx.hasSecondPool && index % 5 === 4 ? 1 : 0,
    virtualProcessors: dedicated ? procUnits : Math.ceil(procUnits) + (mode === 'uncap' ? rng.int(0, 3) : 0),
    weight: dedicated ? undefined : mode === 'uncap' ? rng.pick([64, 128, 192]) : 0,
    affinityScore: rng.int(60, 100),
    idleDispatch: rng.range(0.05, 0.15),
    instructionsPerCycle: rng.range(0.8, 2.2),
    veas,
    vscsi,
    vfc,
  };
}

export function buildVios(ctx: SystemContext, viosId: number): ModelPartition {
  const rng = new Rng(ctx.seed, 'vios', ctx.systemIndex, viosId);
  const schedule: Schedule = { kind: 'always' };
  const loc = (slot: number): string => `${ctx.locationPrefix}-V${viosId}-C${slot}`;
  const trunks: VirtualEthernet[] = [
    {
      location: loc(2),
      slot: 2,
      vlanId: 1,
      vswitchId: 0,
      bridged: true,
      mac: mac(ctx, viosId, 2),
      bytesPerSecond: 0,
      sentPerReceived: 1,
    },
    {
      location: loc(3),
      slot: 3,
      vlanId: 4094,
      vswitchId: 1,
      bridged: false,
      mac: mac(ctx, viosId, 3),
      bytesPerSecond: 0,
      sentPerReceived: 1,
    },
  ];
  return {
    uuid: rng.uuid(4).toUpperCase(),
    id: viosId,
    name: `vios${viosId}`,
    isVios: true,
    osType: 'vios',
    memoryMb: 8192,
    procUnits: 1,
    rmcActive: true,
    cnas: trunks.map((v) => ({
      location: v.location,
      slot: v.slot,
      mac: v.mac,
      pvid: v.vlanId,
      vswitchId: v.vswitchId,
    })),
    stateAt: () => 'Running',
    schedule,
    load: { busy: sine(0.3, 0.1, 1200, rng.range(0, 6)), extra: sine(0.2, 0.15, 1500, rng.range(0, 6)) },
    mode: 'uncap',
    poolId: 0,
    virtualProcessors: 2,
    weight: 255,
    affinityScore: 100,
    idleDispatch: 0.1,
    instructionsPerCycle: 1.4,
    veas: trunks,
    vscsi: [],
    vfc: [],
  };
}

function scheduleFor(role: Role, rng: Rng): Schedule {
  if (role === 'never-activated') return { kind: 'never' };
  if (role !== 'cycling') return { kind: 'always' };
  const periodSeconds = 60 * rng.int(10, 16);
  return {
    kind: 'cycle',
    periodSeconds,
    downSeconds: CYCLE_DOWN_SECONDS,
    phaseSeconds: rng.int(0, periodSeconds - 1),
  };
}

function loadFor(role: Role, mode: ProcessorMode, schedule: Schedule, rng: Rng): Load {
  const uncapped = mode === 'uncap';
  const none = constant(0);
  if (role === 'never-activated') return { busy: none, extra: none };
  if (role === 'busy')
    return { busy: sine(0.85, 0.1, 600, rng.range(0, 6)), extra: sine(0.6, 0.3, 900, rng.range(0, 6)) };
  if (schedule.kind === 'cycle') {
    // Must repeat with the reboot cycle (see Schedule).
    const slot = schedule.periodSeconds / 16;
    const busy = Array.from({ length: 16 }, () => rng.range(0.3, 0.9));
    const extra = busy.map((b) => (b > 0.6 ? b - 0.4 : 0));
    return {
      busy: steps(busy, slot, schedule.phaseSeconds),
      extra: steps(extra, slot, schedule.phaseSeconds),
    };
  }
  const shape = rng.next();
  if (shape < 0.2) return { busy: constant(rng.range(0.01, 0.05)), extra: none };
  if (shape < 0.5)
    return { busy: constant(rng.range(0.3, 0.7)), extra: uncapped ? constant(rng.range(0.05, 0.4)) : none };
  if (shape < 0.8) {
    const period = 60 * rng.int(20, 120);
    const mean = rng.range(0.3, 0.5);
    const phase = rng.range(0, 2 * Math.PI);
    const k = rng.range(0.05, 0.2);
    return {
      busy: sine(mean, rng.range(0.1, mean - 0.05), period, phase),
      extra: uncapped ? sine(k, k, period, phase) : none,
    };
  }
  const busy = Array.from({ length: 16 }, () =>
    rng.chance(0.3) ? rng.range(0.8, 1) : rng.range(0.02, 0.15),
  );
  const extra = busy.map((b) => (uncapped && b >= 0.8 ? rng.range(0.2, 1) : 0));
  return { busy: steps(busy, 60), extra: steps(extra, 60) };
}

function buildVeas(
  rng: Rng,
  ctx: SystemContext,
  id: number,
  count: number,
  trafficScale: number,
): VirtualEthernet[] {
  return Array.from({ length: count }, (_, k) => {
    const vswitchId = k === 2 ? 1 : 0;
    return {
      location: `${ctx.locationPrefix}-V${id}-C${2 + k}`,
      slot: 2 + k,
      vlanId: k === 0 ? rng.pick([1, 10, 20]) : k === 1 ? rng.int(100, 150) : 4094,
      vswitchId,
      bridged: vswitchId === 0,
      mac: mac(ctx, id, 2 + k),
      bytesPerSecond: trafficScale * rng.range(2e4, 3e6),
      sentPerReceived: rng.range(0.3, 1.5),
    };
  });
}

function ioProfile(rng: Rng, scale: number): IoProfile {
  return {
    readsPerSecond: scale * rng.range(5, 200),
    writesPerSecond: scale * rng.range(5, 150),
    bytesPerRead: rng.pick([4096, 8192, 16384, 65536]),
    bytesPerWrite: rng.pick([4096, 8192, 32768]),
  };
}

/** The console hands out MACs from a per-system prefix; partition id and slot keep them unique. */
function mac(ctx: SystemContext, partitionId: number, slot: number): string {
  return `${ctx.macPrefix}${(partitionId * 16 + slot).toString(16).padStart(6, '0')}`.toUpperCase();
}
