import { PowerVmClient, tlsVerification, type ManagedSystem } from '../powervm/index.js';
import { failureOf, failureState } from './failure.js';
import type { Logger } from './logger.js';
import type { ConsoleState, Failure, SystemState } from './state.js';
import { SystemPoller, type PollSchedule, type SystemReport } from './system-poller.js';
import type { ConsoleTarget } from './target.js';
import { backoffMs, Semaphore, type Timing } from './timing.js';

/** Failures that say the console itself is unreachable or refuses us, not one system's data. */
const CONSOLE_DOWN = new Set(['network', 'timeout', 'tls', 'auth']);

export interface ConsolePollerOptions {
  target: ConsoleTarget;
  schedule: PollSchedule & { discoveryEveryMs: number };
  timing: Timing;
  logger: Logger;
  /** Called after every change of this console's state; `readings` when a system brought new ones. */
  changed: (
    state: ConsoleState,
    fresh?: { system: string; readings: NonNullable<SystemReport['readings']> },
  ) => void;
}

interface RunningSystem {
  poller: SystemPoller;
  stop: AbortController;
  done: Promise<void>;
}

/**
 * Collects from one console: discovers its managed systems (again every few minutes), runs one
 * SystemPoller per system, and keeps the console's state. One failing system never stops the others.
 */
export class ConsolePoller {
  readonly client: PowerVmClient;
  private state: ConsoleState;
  private readonly requests = new Map<string, number>();
  private readonly running = new Map<string, RunningSystem>();
  private readonly semaphore: Semaphore;
  private discoveryFailures = 0;
  private lastConsoleFailure: string | undefined;

  constructor(private readonly options: ConsolePollerOptions) {
    const { connection } = options.target;
    this.client = new PowerVmClient({
      ...connection,
      onRequest: (code) => {
        this.requests.set(code, (this.requests.get(code) ?? 0) + 1);
        connection.onRequest?.(code);
      },
    });
    this.semaphore = new Semaphore(options.target.concurrency);
    this.state = {
      name: connection.name,
      url: connection.url,
      tls: tlsVerification(connection.url, connection.tls),
      up: false,
      failure: undefined,
      systems: new Map(),
      requests: this.requests,
    };
  }

  /** Discovers and polls until `signal` aborts; then stops every system loop and logs off. */
  async run(signal: AbortSignal): Promise<void> {
    this.publish();
    while (!signal.aborted) {
      const delay = await this.discover();
      await this.options.timing.sleep(delay, signal);
    }
    for (const system of this.running.values()) system.stop.abort();
    await Promise.all([...this.running.values()].map((system) => system.done));
    await this.client.logoff();
  }

  /** True once discovery ran and every discovered system reported at least once. */
  get settled(): boolean {
    return (
      this.state.failure !== undefined ||
      (this.state.up && [...this.state.systems.values()].every((s) => s.collectSeconds !== undefined))
    );
  }

  private async discover(): Promise<number> {
    const { target, schedule, timing } = this.options;
    let systems: ManagedSystem[];
    try {
      systems = (await this.client.listSystems()).filter(target.includeSystem);
    } catch (error) {
      this.discoveryFailures += 1;
      this.consoleFailed(failureOf(error));
      this.publish();
      return backoffMs(this.discoveryFailures, schedule.backoffMs, schedule.maxBackoffMs, timing.random);
    }
    this.discoveryFailures = 0;
    this.consoleAnswered();
    const wanted = new Map(systems.map((system) => [system.uuid, system]));
    for (const [uuid, system] of this.running) {
      if (wanted.has(uuid)) continue;
      system.stop.abort();
      this.running.delete(uuid);
      this.updateSystems((map) => map.delete(uuid));
      this.options.logger.info(
        { hmc: this.state.name, system: uuid },
        'managed system gone from the console',
      );
    }
    for (const system of systems) if (!this.running.has(system.uuid)) this.startSystem(system);
    this.publish();
    return schedule.discoveryEveryMs;
  }

  private startSystem(system: ManagedSystem): void {
    const { target, schedule, timing, logger } = this.options;
    const stop = new AbortController();
    const poller = new SystemPoller({
      client: this.client,
      system,
      schedule,
      pcmAutoEnable: target.pcmAutoEnable,
      includeLpar: target.includeLpar,
      semaphore: this.semaphore,
      timing,
      logger,
      report: (report) => this.systemReported(system, report),
    });
    this.updateSystems((map) => map.set(system.uuid, emptySystem(system)));
    logger.info(
      { hmc: this.state.name, system: system.name, uuid: system.uuid },
      'collecting from managed system',
    );
    this.running.set(system.uuid, { poller, stop, done: poller.run(stop.signal) });
  }

  private systemReported(system: ManagedSystem, report: SystemReport): void {
    if (!this.running.has(system.uuid)) return; // reported after it was removed
    const before = this.state.systems.get(system.uuid) ?? emptySystem(system);
    const issueCounts = new Map(before.issueCounts);
    for (const issue of report.readings?.issues ?? [])
      issueCounts.set(issue.problem, (issueCounts.get(issue.problem) ?? 0) + 1);
    const next: SystemState = {
      ...before,
      name: system.name,
      up: report.up,
      failure: report.failure,
      readings: report.readings ?? before.readings,
      sampleTime: report.sampleTime ?? before.sampleTime,
      collectSeconds: report.collectSeconds,
      pcm: report.pcm ?? before.pcm,
      issueCounts,
    };
    this.updateSystems((map) => map.set(system.uuid, next));
    if (report.up) this.consoleAnswered();
    else if (report.failure && CONSOLE_DOWN.has(report.failure.kind)) this.consoleFailed(report.failure);
    this.publish(report.readings ? { system: system.name, readings: report.readings } : undefined);
  }

  private consoleAnswered(): void {
    if (this.lastConsoleFailure !== undefined) {
      this.options.logger.info({ hmc: this.state.name }, 'console answering again');
    }
    this.lastConsoleFailure = undefined;
    this.state = { ...this.state, up: true, failure: undefined };
  }

  private consoleFailed(failure: Failure): void {
    const key = failureState(failure);
    if (key !== this.lastConsoleFailure)
      this.options.logger.warn({ hmc: this.state.name, kind: failure.kind }, failure.message);
    this.lastConsoleFailure = key;
    this.state = { ...this.state, up: false, failure };
  }

  private updateSystems(edit: (systems: Map<string, SystemState>) => void): void {
    const systems = new Map(this.state.systems);
    edit(systems);
    this.state = { ...this.state, systems };
  }

  private publish(fresh?: Parameters<ConsolePollerOptions['changed']>[1]): void {
    this.options.changed({ ...this.state, requests: new Map(this.requests) }, fresh);
  }
}

function emptySystem(system: ManagedSystem): SystemState {
  return {
    uuid: system.uuid,
    name: system.name,
    up: false,
    failure: undefined,
    readings: undefined,
    sampleTime: undefined,
    collectSeconds: undefined,
    pcm: undefined,
    issueCounts: new Map(),
  };
}
