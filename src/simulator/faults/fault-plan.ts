import type { PartitionInfo, SimulatedSystem } from '../console-types.js';
import {
  compilePattern,
  isEvent,
  isHttpFault,
  parseFault,
  type Fault,
  type HttpFaultKind,
} from './fault-model.js';

export interface ActiveFault extends Fault {
  id: string;
}

/** How one phyp file differs from the model because of faults and events; uuids are partition UUIDs. */
export interface PhypEdits {
  hidden: ReadonlySet<string>;
  /** Partitions written without network and storage. */
  bare: ReadonlySet<string>;
  /** ms of the latest reboot or arrival, from which the partition's counters count. */
  bootedAt: ReadonlyMap<string, number>;
  /** Partitions of other systems that migrated here. */
  guests: readonly string[];
}

/** A file of the LTM feed; `dated` is the `updated` stamp when a fault makes it lie about the instant. */
export interface FeedFile {
  category: string;
  instant: number;
  dated?: number;
}

interface Resolved {
  fault: ActiveFault;
  system: string | undefined;
  lpar: string | undefined;
  path: RegExp | undefined;
  category: RegExp | undefined;
}

interface PartitionEvent {
  lpar: string;
  at: number;
  /** The system the partition runs on from `at` (its own system for a reboot). */
  host: string;
}

/**
 * The faults in force and the events so far. Conditions (HTTP and data faults) last until cleared,
 * or, with `once`, one request; events (reboots, migrations) are part of the console's history like
 * its samples: a sample taken after a reboot shows it whatever happens later.
 */
export class FaultPlan {
  private active: Resolved[] = [];
  private readonly events: PartitionEvent[] = [];
  private readonly homes = new Map<string, { system: string; partition: PartitionInfo }>();
  private nextId = 1;

  constructor(
    private readonly systems: readonly SimulatedSystem[],
    private readonly clock: () => number,
  ) {
    for (const system of systems) {
      for (const partition of system.partitions) {
        this.homes.set(partition.uuid, { system: system.info.uuid, partition });
      }
    }
  }

  /** Puts a fault in force (or records an event); returns its id. Throws on an unknown system or LPAR. */
  inject(input: unknown): string {
    const fault = parseFault(input);
    const id = `f${this.nextId++}`;
    const system = fault.system === undefined ? undefined : this.systemUuid(fault.system, 'system');
    const lpar = fault.lpar === undefined ? undefined : this.partitionUuid(fault.lpar, system);
    if (isEvent(fault.kind) && lpar !== undefined) {
      const home = this.homes.get(lpar)!.system;
      const host = fault.kind === 'lpar-migrate' ? this.systemUuid(fault.to ?? '', 'to') : this.hostOf(lpar);
      if (fault.kind === 'lpar-migrate' && host === this.hostOf(lpar))
        throw new Error(`fault: ${fault.lpar} already runs on ${fault.to}`);
      this.events.push({ lpar, at: this.now(), host: host ?? home });
      return id;
    }
    this.active.push({
      fault: { ...fault, id },
      system,
      lpar,
      path: fault.path === undefined ? undefined : compilePattern(fault.path, 'path'),
      category: fault.category === undefined ? undefined : compilePattern(fault.category, 'category'),
    });
    return id;
  }

  /** Clears one fault, or every fault; events stay in the history. True when something was cleared. */
  clear(id?: string): boolean {
    const before = this.active.length;
    this.active = id === undefined ? [] : this.active.filter((r) => r.fault.id !== id);
    return this.active.length < before;
  }

  list(): ActiveFault[] {
    return this.active.map((r) => r.fault);
  }

  /** The console's clock: the real one, unless a clock-skew fault is in force. */
  now(): number {
    const skew = this.active.find((r) => r.fault.kind === 'clock-skew')?.fault.ms ?? 0;
    return this.clock() + skew;
  }

  /** The HTTP fault that hits a request for `path`, if any; a one-shot fault is used up by it. */
  httpFault(path: string): (ActiveFault & { kind: HttpFaultKind }) | undefined {
    const lower = path.toLowerCase();
    const hit = this.active.find(
      (r) =>
        isHttpFault(r.fault.kind) &&
        (r.system === undefined || lower.includes(r.system)) &&
        (r.path === undefined || r.path.test(path)),
    );
    if (hit?.fault.once) this.clear(hit.fault.id);
    return hit?.fault as (ActiveFault & { kind: HttpFaultKind }) | undefined;
  }

  hidesSystem(uuid: string): boolean {
    return this.conditions('hide-system', uuid).length > 0;
  }

  /** The LTM feed's files as the faults in force for this system list them. */
  feedFiles<F extends FeedFile>(system: string, files: readonly F[]): F[] {
    let out = files.filter(
      (file) => !this.conditions('omit-files', system).some((r) => r.category?.test(file.category)),
    );
    for (const { fault } of this.conditions('withhold', system)) {
      const newest = [...new Set(out.map((f) => f.instant))].sort((a, b) => b - a).slice(0, fault.count);
      out = out.filter((f) => !newest.includes(f.instant));
    }
    const shift = this.conditions('time-shift', system).reduce((ms, r) => ms + (r.fault.ms ?? 0), 0);
    if (shift !== 0) out = out.map((f) => ({ ...f, dated: f.instant + shift }));
    if (this.conditions('duplicate', system).length > 0) out = out.flatMap((f) => [f, f]);
    return out;
  }

  /** What faults and events change in this system's phyp file at `instant`; undefined when nothing. */
  phypEdits(system: string, instant: number): PhypEdits | undefined {
    const lpars = (kind: Fault['kind']) =>
      new Set(this.conditions(kind, system).flatMap((r) => (r.lpar ? [r.lpar] : [])));
    const hidden = lpars('hide-lpar');
    const bare = lpars('hide-adapters');
    const bootedAt = new Map<string, number>();
    const hosts = new Map<string, string>();
    for (const event of this.events.filter((e) => e.at <= instant)) {
      bootedAt.set(event.lpar, event.at);
      hosts.set(event.lpar, event.host);
    }
    const guests: string[] = [];
    for (const [lpar, host] of hosts) {
      const home = this.homes.get(lpar)?.system;
      if (home === system && host !== system) hidden.add(lpar);
      if (home !== system && host === system) guests.push(lpar);
    }
    if (hidden.size + bare.size + bootedAt.size === 0) return undefined;
    return { hidden, bare, bootedAt, guests };
  }

  /** Data faults of this kind in force for a system (console-wide ones included). */
  private conditions(kind: Fault['kind'], system: string): Resolved[] {
    return this.active.filter(
      (r) => r.fault.kind === kind && (r.system === undefined || r.system === system),
    );
  }

  private hostOf(lpar: string): string | undefined {
    return this.events.filter((e) => e.lpar === lpar).at(-1)?.host ?? this.homes.get(lpar)?.system;
  }

  private systemUuid(nameOrUuid: string, field: string): string {
    const wanted = nameOrUuid.toLowerCase();
    const system = this.systems.find((s) => s.info.uuid === wanted || s.info.name.toLowerCase() === wanted);
    if (!system) throw new Error(`fault.${field}: no managed system named ${nameOrUuid}`);
    return system.info.uuid;
  }

  private partitionUuid(nameOrUuid: string, system: string | undefined): string {
    const wanted = nameOrUuid.toUpperCase();
    for (const [uuid, home] of this.homes) {
      if (system !== undefined && home.system !== system) continue;
      if (uuid === wanted || home.partition.name.toUpperCase() === wanted) return uuid;
    }
    throw new Error(`fault.lpar: no partition named ${nameOrUuid}${system ? ' on that system' : ''}`);
  }
}
