import type { PartitionInfo, SimulatedSystem } from '../console-types.js';
import { errorReply, NO_CONTENT, xmlReply } from '../http/reply.js';
import { findSystem, type ApiRequest, type ConsoleState, type Handler } from '../http/request.js';
import { uuidFor } from '../prng.js';
import { clientNetworkAdapterEntry, managedSystemEntry, partitionEntry } from './inventory-entries.js';
import { uomEntryDocument, uomFeed, type UomEntry } from './uom-xml.js';

/** Routes under /rest/api/uom: just the inventory a PCM exporter needs (powervm-pcm.md §4). */

function feedReply(request: ApiRequest, state: ConsoleState, entries: readonly UomEntry[]) {
  if (entries.length === 0) return NO_CONTENT;
  const self = `${request.baseUrl}/rest/api/${request.segments.join('/')}`;
  return xmlReply(uomFeed(uuidFor(state.consoleId, self), self, entries, state.clock()));
}

export const listSystems: Handler = (request, state) =>
  feedReply(
    request,
    state,
    state.systems.map((s) => managedSystemEntry(s.info, request.baseUrl)),
  );

export const getSystem: Handler = (request, state) => {
  const system = findSystem(state, request.params.system);
  if (!system) return errorReply(request, 404, `ManagedSystem ${request.params.system ?? ''} was not found`);
  return xmlReply(uomEntryDocument(managedSystemEntry(system.info, request.baseUrl), state.clock()));
};

/** `.../LogicalPartition` or `.../VirtualIOServer`, for one system or (without :system) for all. */
export function listPartitions(vios: boolean): Handler {
  return (request, state) => {
    const systems =
      request.params.system === undefined ? state.systems : [findSystem(state, request.params.system)];
    if (systems.some((s) => s === undefined)) {
      return errorReply(request, 404, `ManagedSystem ${request.params.system ?? ''} was not found`);
    }
    const now = state.clock();
    const entries = (systems as SimulatedSystem[]).flatMap((s) =>
      s.partitions
        .filter((p) => p.isVios === vios)
        .map((p) => partitionEntry(p, s.info, request.baseUrl, now)),
    );
    return feedReply(request, state, entries);
  };
}

export function listClientNetworkAdapters(vios: boolean): Handler {
  return (request, state) => {
    const wanted = request.params.partition?.toUpperCase();
    let owner: PartitionInfo | undefined;
    for (const system of state.systems) {
      owner ??= system.partitions.find((p) => p.isVios === vios && p.uuid === wanted);
    }
    if (!owner) {
      const kind = vios ? 'VirtualIOServer' : 'LogicalPartition';
      return errorReply(request, 404, `${kind} ${request.params.partition ?? ''} was not found`);
    }
    const partition = owner;
    const entries = partition.cnas.map((cna) =>
      clientNetworkAdapterEntry(
        cna,
        partition,
        uuidFor(state.consoleId, partition.uuid, cna.location),
        request.baseUrl,
      ),
    );
    return feedReply(request, state, entries);
  };
}
