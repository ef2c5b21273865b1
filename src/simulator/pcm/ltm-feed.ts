import type { PcmSource, SystemInfo } from '../console-types.js';
import { shuffled, uuidFor } from '../prng.js';
import { atomTime, compactTimeStamp, parseCompactTimeStamp } from '../time-format.js';
import { ATOM_ROOT_ATTRS, CONSOLE_NAME } from '../xml.js';

interface FileRef {
  category: string;
  instant: number;
  name: string;
  /** The `updated` stamp when a fault makes the feed misdate the file. */
  dated?: number;
}

/** `LTM_<MTMS>_<category>_<yyyyMMdd>T<HHmmss>+0000.json`; the MTMS keeps its literal `*`. */
function ltmFileName(mtms: string, category: string, instant: number): string {
  return `LTM_${mtms}_${category}_${compactTimeStamp(instant)}.json`;
}

export function parseLtmFileName(
  name: string,
): { mtms: string; category: string; instant: number } | undefined {
  const m = /^LTM_(.+)_(phyp|vios_\d+|lpar)_(\d{8}T\d{6}\+0000)\.json$/.exec(name);
  const instant = m ? parseCompactTimeStamp(m[3] ?? '') : undefined;
  return m && instant !== undefined ? { mtms: m[1] ?? '', category: m[2] ?? '', instant } : undefined;
}

/** Files currently listed for a system, oldest first. */
export function listedFiles(system: SystemInfo, source: PcmSource, now: number): FileRef[] {
  return source
    .instants(now)
    .flatMap((instant) =>
      source
        .categories(instant)
        .map((category) => ({ category, instant, name: ltmFileName(system.mtms, category, instant) })),
    );
}

/**
 * The LongTermMonitor index (powervm-pcm.md §6.1, ltm_feed2.txt). The console lists entries in no
 * particular order, so neither do we: clients must sort by `updated` themselves.
 */
export function ltmFeed(system: SystemInfo, files: readonly FileRef[], feedUrl: string): string {
  const newest = Math.max(...files.map((f) => f.dated ?? f.instant));
  const entries = shuffled(files, system.uuid, newest).map((file) => {
    const updated = atomTime(file.dated ?? file.instant);
    return `    <entry>
        <id>${uuidFor('ltm', system.uuid, file.category, file.instant)}</id>
        <updated>${updated}</updated>
        <title type="text">${file.name}</title>
        <published>${updated}</published>
        <link type="application/vnd.ibm.powervm.pcm.json" href="${feedUrl}/${file.name}"/>
        <author>
            <name>${CONSOLE_NAME}</name>
        </author>
        <category term="${file.category}"/>
    </entry>
`;
  });
  return (
    `<feed ${ATOM_ROOT_ATTRS}>\n` +
    `    <id>${system.uuid}</id>\n` +
    `    <updated>${atomTime(newest)}</updated>\n` +
    '    <title type="text">LongTermMetrics</title>\n' +
    `    <subtitle type="text">ManagedSystem ${system.uuid}</subtitle>\n` +
    `    <link rel="self" href="${feedUrl}"/>\n` +
    `    <generator uri="${CONSOLE_NAME}" version="1"/>\n` +
    entries.join('') +
    '</feed>\n'
  );
}
