import {
  getLtmFeed,
  getLtmFile,
  getPreferences,
  postPreferences,
  preferenceEntry,
} from '../pcm/pcm-routes.js';
import { getSystem, listClientNetworkAdapters, listPartitions, listSystems } from '../uom/uom-routes.js';
import { logoff, logon } from './logon.js';
import { errorReply, type Reply } from './reply.js';
import { headerValue, type ApiRequest, type ConsoleState, type Handler } from './request.js';

interface Route {
  /** Segments after /rest/api/; `:name` captures one segment. */
  pattern: readonly string[];
  methods: Readonly<Record<string, Handler>>;
}

const route = (path: string, methods: Record<string, Handler>): Route => ({
  pattern: path.split('/'),
  methods,
});

const ROUTES: readonly Route[] = [
  route('web/Logon', { PUT: logon, DELETE: logoff }),
  route('uom/ManagedSystem', { GET: listSystems }),
  route('uom/ManagedSystem/:system', { GET: getSystem }),
  route('uom/ManagedSystem/:system/LogicalPartition', { GET: listPartitions(false) }),
  route('uom/ManagedSystem/:system/VirtualIOServer', { GET: listPartitions(true) }),
  route('uom/LogicalPartition', { GET: listPartitions(false) }),
  route('uom/VirtualIOServer', { GET: listPartitions(true) }),
  route('uom/LogicalPartition/:partition/ClientNetworkAdapter', { GET: listClientNetworkAdapters(false) }),
  route('uom/VirtualIOServer/:partition/ClientNetworkAdapter', { GET: listClientNetworkAdapters(true) }),
  route('pcm/ManagedSystem/:system/preferences', { GET: getPreferences, POST: postPreferences }),
  route('pcm/ManagedSystem/:system/preferences/:entry', { GET: preferenceEntry, POST: preferenceEntry }),
  route('pcm/ManagedSystem/:system/RawMetrics/LongTermMonitor', { GET: getLtmFeed }),
  route('pcm/ManagedSystem/:system/RawMetrics/LongTermMonitor/:file', { GET: getLtmFile }),
];

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** Authenticates (everything but logon needs a live X-API-Session), then dispatches. */
export function dispatch(request: Omit<ApiRequest, 'params'>, state: ConsoleState): Reply {
  const isLogon = request.segments.join('/') === 'web/Logon';
  if (isLogon) return routeTo(request, state);
  const token = headerValue(request, 'x-api-session');
  if (!state.sessions.touch(token)) {
    return errorReply(request, 401, 'The session is not valid or has expired; log on again');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    state.writes.attempted += 1;
    // An HMC refuses every change to a user whose task role only views (hmcviewer).
    if (state.sessions.role(token!) === 'viewer') {
      return errorReply(
        request,
        403,
        `User does not have the authority to perform ${request.method} on ${request.path}: the task role only allows viewing`,
      );
    }
  }
  return routeTo(request, state);
}

function routeTo(request: Omit<ApiRequest, 'params'>, state: ConsoleState): Reply {
  for (const candidate of ROUTES) {
    const params = match(candidate.pattern, request.segments);
    if (!params) continue;
    const handler = candidate.methods[request.method];
    if (!handler) return errorReply(request, 405, `${request.method} is not supported on ${request.path}`);
    return handler({ ...request, params }, faultyView(state));
  }
  return errorReply(request, 404, `No resource at ${request.path}`);
}

/** The console as injected faults make it look: its clock skewed, removed systems gone. */
function faultyView(state: ConsoleState): ConsoleState {
  const { faults } = state;
  return {
    ...state,
    clock: () => faults.now(),
    systems: state.systems.filter((system) => !faults.hidesSystem(system.info.uuid)),
  };
}
