import { hash32 } from '../prng.js';
import { atomTime } from '../time-format.js';
import { ATOM_ROOT_ATTRS, CONSOLE_NAME, objectRoot, UOM_NS } from '../xml.js';

/** Inventory (uom) feeds and entries, shaped like sys_with_sriov.txt and cna_feed.txt. */

export const UOM_SCHEMA = 'V1_3_0';

export interface UomEntry {
  type: string;
  id: string;
  selfHref: string;
  /** Changes whenever the object would change on a real console. */
  etagSource: string;
  body: string;
}

export function uomFeed(feedId: string, selfHref: string, entries: readonly UomEntry[], now: number): string {
  return (
    `<feed ${ATOM_ROOT_ATTRS}>\n` +
    `    <id>${feedId}</id>\n` +
    `    <updated>${atomTime(now)}</updated>\n` +
    `    <link rel="SELF" href="${selfHref}"/>\n` +
    `    <generator>${CONSOLE_NAME}</generator>\n` +
    entries.map((entry) => entryXml(entry, now)).join('') +
    '</feed>\n'
  );
}

/** A single object GET answers a bare `<entry>` root. */
export function uomEntryDocument(entry: UomEntry, now: number): string {
  return entryXml(entry, now).trimStart().replace('<entry>', `<entry ${ATOM_ROOT_ATTRS}>`);
}

function entryXml(entry: UomEntry, now: number): string {
  const etag = hash32(entry.etagSource) | 0;
  return (
    '    <entry>\n' +
    `        <id>${entry.id}</id>\n` +
    `        <title>${entry.type}</title>\n` +
    `        <published>${atomTime(now)}</published>\n` +
    `        <link rel="SELF" href="${entry.selfHref}"/>\n` +
    `        <author>\n            <name>${CONSOLE_NAME}</name>\n        </author>\n` +
    `        <etag:etag xmlns:etag="${UOM_NS}" xmlns="${UOM_NS}">${etag}</etag:etag>\n` +
    `        <content type="application/vnd.ibm.powervm.uom+xml; type=${entry.type}">\n` +
    `            ${objectRoot(entry.type, UOM_NS, UOM_SCHEMA, entry.id, entry.body)}\n` +
    '        </content>\n' +
    '    </entry>\n'
  );
}
