import type { McType, SimulatedSystem } from '../console-types.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import type { MonitorPreferences } from '../pcm/monitoring.js';
import type { ErrorContext, Reply } from './reply.js';
import type { SessionStore } from './sessions.js';

/**
 * A console user. `viewer` is the HMC's hmcviewer task role: it reads everything and gets 403 on
 * any change; `admin` (hscroot's role) may change PCM preferences.
 */
export interface SimulatedUser {
  password: string;
  role: 'viewer' | 'admin';
}

/** Everything a route handler may consult or change: the simulated console's state. */
export interface ConsoleState {
  mcType: McType;
  systems: readonly SimulatedSystem[];
  preferences: ReadonlyMap<string, MonitorPreferences>;
  sessions: SessionStore;
  users: Readonly<Record<string, SimulatedUser>>;
  /** Requests that would change the console (anything but GET/HEAD, logon and logoff aside). */
  writes: { attempted: number };
  clock: () => number;
  /** Feed ids are stable per console, like a real HMC's. */
  consoleId: string;
  /** Injected faults; handlers see their effect through the state (clock, systems) and the feed. */
  faults: FaultPlan;
}

export interface ApiRequest extends ErrorContext {
  method: string;
  /** Percent-decoded path segments after `/rest/api/`. */
  segments: readonly string[];
  body: string;
  /** `scheme://host:port` as the client addressed us, for hrefs. */
  baseUrl: string;
  /** Values captured by `:name` segments of the matched route. */
  params: Readonly<Record<string, string>>;
}

export type Handler = (request: ApiRequest, state: ConsoleState) => Reply;

export function headerValue(request: Pick<ApiRequest, 'headers'>, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** System by UUID, case-insensitively (clients may upper-case what we handed out in lower case). */
export function findSystem(state: ConsoleState, uuid: string | undefined): SimulatedSystem | undefined {
  const wanted = uuid?.toLowerCase();
  return state.systems.find((s) => s.info.uuid === wanted);
}
