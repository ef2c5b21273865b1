import type { AddressInfo } from 'node:net';
import type { McType, SimulatedSystem } from './console-types.js';
import { startControlServer } from './faults/control-server.js';
import type { Fault } from './faults/fault-model.js';
import { FaultPlan, type ActiveFault } from './faults/fault-plan.js';
import type { SimulatedUser } from './http/request.js';
import { createConsoleServer } from './http/server.js';
import { SessionStore } from './http/sessions.js';
import { buildEstate } from './model/estate.js';
import type { ModelPartition } from './model/estate-types.js';
import { ModelPcmSource } from './model/model-source.js';
import { MonitorPreferences } from './pcm/monitoring.js';
import { uuidFor } from './prng.js';
import { loadReplayFile } from './replay/replay-files.js';
import { buildReplaySystem } from './replay/replay-system.js';
import { TextCache } from './text-cache.js';

export type { Fault, FaultKind } from './faults/fault-model.js';
export type { ActiveFault } from './faults/fault-plan.js';

/**
 * A simulated PowerVM REST server (HMC or NovaLink) for PCM monitoring: logon, inventory, PCM
 * preferences and LongTermMonitor files, computed from a seeded model or replayed from captures.
 * It shares no code with the product on purpose: see docs/simulator.md.
 */

export type { SimulatedUser };

export interface SimulatorOptions {
  host?: string;
  port?: number;
  systems?: number;
  lpars?: number;
  vios?: 1 | 2;
  seed?: number;
  mcType?: McType;
  /** User → password (an admin, like hscroot), or → `{ password, role }`; default hscroot / abc123. */
  users?: Record<string, string | SimulatedUser>;
  tls?: { cert: string | Buffer; key: string | Buffer };
  clock?: () => number;
  sampleIntervalSeconds?: number;
  retentionMinutes?: number;
  /** Long-term monitoring on or off for every system, or per system in discovery order. */
  ltmEnabled?: boolean | readonly boolean[];
  sessionTtlSeconds?: number;
  replay?: string[];
  tokenDir?: string;
  /** Characters of rendered documents kept (default 256 Mi); long runs measuring memory keep it small. */
  cacheChars?: number;
  /** Faults in force from the start (e.g. `[{ kind: 'refuse' }]`: a console that is down). */
  faults?: Fault[];
  /** Also serve the fault control endpoint (POST/GET/DELETE /faults) here; loopback only. */
  control?: { host: string; port: number };
}

/** Fault injection, for tests and the soak run: see docs/simulator.md. */
export interface FaultControl {
  /** Puts a fault in force, or records an event (reboot, migration); returns its id. Throws on bad input. */
  inject(fault: Fault): string;
  /** Clears one fault by id, or all; events stay in the console's history. */
  clear(id?: string): boolean;
  list(): ActiveFault[];
}

export interface RunningSimulator {
  url: string;
  port: number;
  systems: ReadonlyArray<{ uuid: string; name: string; mtms: string }>;
  /** Requests that tried to change the console (POST/PUT/DELETE but logon/logoff), refused or not. */
  writeAttempts(): number;
  /** Like a console restart: every token becomes invalid (401). */
  invalidateSessions(): void;
  faults: FaultControl;
  /** Where the fault control endpoint listens, when asked for. */
  controlUrl: string | undefined;
  /** Stops the server and removes token files. */
  close(): Promise<void>;
}

/** Rendered documents kept in memory, in characters (~bytes): enough for the benchmark estate's latest samples. */
const CACHE_CHARS = 256 * 1024 * 1024;

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = opts.seed ?? 1;
  const mcType = opts.mcType ?? 'HMC';
  const clock = opts.clock ?? Date.now;
  const intervalMs = positive(opts.sampleIntervalSeconds ?? 30, 'sampleIntervalSeconds') * 1000;
  const retentionMs = Math.max(
    intervalMs,
    positive(opts.retentionMinutes ?? 30, 'retentionMinutes') * 60_000,
  );
  const systemCount = positive(opts.systems ?? 1, 'systems');
  if (mcType === 'PVM' && systemCount !== 1)
    throw new Error('a NovaLink (PVM) console manages exactly one system');

  const preferences = new Map<string, MonitorPreferences>();
  const ltmOn = (index: number): boolean =>
    typeof opts.ltmEnabled === 'object' ? (opts.ltmEnabled[index] ?? true) : (opts.ltmEnabled ?? true);
  const prefsFor = (uuid: string, index: number): MonitorPreferences => {
    const prefs = new MonitorPreferences(
      { longTerm: ltmOn(index), computeOnly: false, shortTerm: false, aggregation: false },
      `${seed}/${uuid}`,
    );
    preferences.set(uuid, prefs);
    return prefs;
  };

  let systems: SimulatedSystem[];
  if (opts.replay && opts.replay.length > 0) {
    const system = buildReplaySystem(opts.replay.map(loadReplayFile), seed, intervalMs, clock());
    prefsFor(system.info.uuid, 0);
    systems = [system];
  } else {
    const cache = new TextCache(opts.cacheChars ?? CACHE_CHARS);
    const estate = buildEstate({
      seed,
      systems: systemCount,
      lparsPerSystem: Math.max(0, Math.floor(opts.lpars ?? 8)),
      viosPerSystem: opts.vios ?? 2,
    });
    const partitions = new Map<string, ModelPartition>(
      estate.flatMap((model) => model.lpars.map((p) => [p.uuid, p] as const)),
    );
    systems = estate.map((model, index) => ({
      info: model.info,
      partitions: [...model.vioses.map((v) => v.partition), ...model.lpars],
      pcm: new ModelPcmSource(
        model,
        { intervalMs, retentionMs },
        prefsFor(model.info.uuid, index),
        cache,
        (instant) => {
          // `faults` is made below, once the systems exist; the model asks it when it renders a phyp file.
          const edits = faults.phypEdits(model.info.uuid, instant);
          return edits && { ...edits, guests: edits.guests.flatMap((uuid) => partitions.get(uuid) ?? []) };
        },
      ),
    }));
  }
  const faults = new FaultPlan(systems, clock);
  for (const fault of opts.faults ?? []) faults.inject(fault);

  const sessions = new SessionStore(clock, (opts.sessionTtlSeconds ?? 0) * 1000, opts.tokenDir);
  const writes = { attempted: 0 };
  const server = createConsoleServer(
    {
      mcType,
      systems,
      preferences,
      sessions,
      users: withRoles(opts.users ?? { hscroot: 'abc123' }),
      writes,
      clock,
      consoleId: uuidFor(seed, 'console'),
      faults,
    },
    opts.tls,
  );
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      sessions.dispose();
      reject(error);
    });
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const control =
    opts.control &&
    (await startControlServer(faults, opts.control.host, opts.control.port).catch(async (error: unknown) => {
      sessions.dispose();
      await new Promise((resolve) => server.close(resolve));
      throw error;
    }));
  let closing: Promise<void> | undefined;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    systems: systems.map((s) => ({ uuid: s.info.uuid, name: s.info.name, mtms: s.info.mtms })),
    writeAttempts: () => writes.attempted,
    invalidateSessions: () => sessions.closeAll(),
    faults: {
      inject: (fault) => faults.inject(fault),
      clear: (id) => faults.clear(id),
      list: () => faults.list(),
    },
    controlUrl: control?.url,
    // Idempotent, so a test may close early and still leave the cleanup hook in place.
    close: () =>
      (closing ??= Promise.all([
        control?.close(),
        new Promise<void>((resolve, reject) => {
          sessions.dispose();
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
      ]).then(() => undefined)),
  };
}

/** A bare password is an admin user, as every caller before roles existed meant. */
function withRoles(users: Record<string, string | SimulatedUser>): Record<string, SimulatedUser> {
  return Object.fromEntries(
    Object.entries(users).map(([name, user]) => [
      name,
      typeof user === 'string' ? { password: user, role: 'admin' } : user,
    ]),
  );
}

function positive(value: number, name: string): number {
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, not ${value}`);
  return value;
}
