import { errorReply, NO_CONTENT, xmlReply, type Reply } from '../http/reply.js';
import {
  findSystem,
  headerValue,
  type ApiRequest,
  type ConsoleState,
  type Handler,
} from '../http/request.js';
import { listedFiles, ltmFeed, parseLtmFileName } from './ltm-feed.js';
import { parsePreferenceUpdate, preferencesFeed } from './preferences-xml.js';

/** Routes under /rest/api/pcm (powervm-pcm.md §5 and §6). */

function unknownSystem(request: ApiRequest, state: ConsoleState): Reply {
  return errorReply(
    request,
    404,
    `ManagedSystem ${request.params.system ?? ''} was not found on ${state.mcType}`,
  );
}

export const getPreferences: Handler = (request, state) => {
  const system = findSystem(state, request.params.system);
  const prefs = system && state.preferences.get(system.info.uuid);
  if (!system || !prefs) return unknownSystem(request, state);
  return xmlReply(preferencesFeed(system.info, prefs.current, request.baseUrl, state.clock()), {
    ETag: prefs.etag,
  });
};

export const postPreferences: Handler = (request, state) => {
  const system = findSystem(state, request.params.system);
  const prefs = system && state.preferences.get(system.info.uuid);
  if (!system || !prefs) return unknownSystem(request, state);
  const contentType = headerValue(request, 'content-type') ?? '';
  if (!/^application\/xml\b/i.test(contentType)) {
    return errorReply(request, 415, `Content-Type must be application/xml, not '${contentType}'`);
  }
  const ifMatch = headerValue(request, 'if-match')?.replace(/^"(.*)"$/, '$1');
  if (ifMatch !== prefs.etag) {
    return errorReply(
      request,
      412,
      `The If-Match value '${ifMatch ?? ''}' does not match the current ETag; read the preferences again`,
    );
  }
  const patch = parsePreferenceUpdate(request.body);
  if (!patch) return errorReply(request, 400, 'The request body is not a ManagedSystemPcmPreference');
  prefs.update(state.clock(), patch);
  return xmlReply(preferencesFeed(system.info, prefs.current, request.baseUrl, state.clock()), {
    ETag: prefs.etag,
  });
};

/** pypowervm's comment: the preference object can only be read and written as the feed. */
export const preferenceEntry: Handler = (request) =>
  errorReply(
    request,
    400,
    'ManagedSystemPcmPreference can only be read and updated through the preferences feed',
  );

/** Checks shared by the index and the files: a known system whose long-term monitoring is on. */
function monitoredSystem(
  request: ApiRequest,
  state: ConsoleState,
): { reply: Reply } | { system: NonNullable<ReturnType<typeof findSystem>> } {
  const system = findSystem(state, request.params.system);
  if (!system) return { reply: unknownSystem(request, state) };
  if (!state.preferences.get(system.info.uuid)?.current.longTerm) {
    return {
      reply: errorReply(
        request,
        403,
        `Long term monitoring is not enabled for the managed system ${system.info.name}. Enable LongTermMonitorEnabled in its PCM preferences.`,
      ),
    };
  }
  return { system };
}

export const getLtmFeed: Handler = (request, state) => {
  const checked = monitoredSystem(request, state);
  if ('reply' in checked) return checked.reply;
  const { info, pcm } = checked.system;
  const files = state.faults.feedFiles(info.uuid, listedFiles(info, pcm, state.clock()));
  if (files.length === 0) return NO_CONTENT;
  return xmlReply(
    ltmFeed(
      info,
      files,
      `${request.baseUrl}/rest/api/pcm/ManagedSystem/${info.uuid}/RawMetrics/LongTermMonitor`,
    ),
  );
};

export const getLtmFile: Handler = (request, state) => {
  const checked = monitoredSystem(request, state);
  if ('reply' in checked) return checked.reply;
  const { info, pcm } = checked.system;
  const file = parseLtmFileName(request.params.file ?? '');
  const listed = file && file.mtms === info.mtms && pcm.instants(state.clock()).includes(file.instant);
  const text = listed ? pcm.document(file.category, file.instant) : undefined;
  if (text === undefined) {
    return errorReply(request, 404, `The file ${request.params.file ?? ''} does not exist or has expired`);
  }
  return { status: 200, headers: { 'Content-Type': 'application/json' }, body: text };
};
