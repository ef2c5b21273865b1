import { parseAtomFeed } from './atom.js';
import { parseTimestamp } from './timestamps.js';

/** One file of the LongTermMonitor feed (powervm-pcm.md §6.1). */
export interface LtmEntry {
  /** `phyp`, `vios_<id>` or `lpar`; classification uses this, never the title (§6.1). */
  category: string;
  /** Sample instant from `updated`, parsed as real ISO-8601. */
  time: number;
  /** Path of the JSON file; links are followed by path only (§2.4), so the href's host is dropped. */
  path: string;
}

/** The files that make up one snapshot of a system. */
export interface SnapshotFiles {
  phyp: LtmEntry;
  vios: LtmEntry[];
  lpar: LtmEntry | undefined;
}

/** Parses the feed; entries without a category, a parseable `updated` or a link are skipped. */
export function parseLtmFeed(xml: string): LtmEntry[] {
  const entries: LtmEntry[] = [];
  for (const entry of parseAtomFeed(xml)) {
    const time = parseTimestamp(entry.updated);
    const href = entry.links.get('')?.[0] ?? [...entry.links.values()][0]?.[0];
    if (!entry.category || time === undefined || !href) continue;
    entries.push({ category: entry.category, time, path: linkPath(href) });
  }
  return entries;
}

export function linkPath(href: string): string {
  const withoutOrigin = href.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return withoutOrigin.replace(/\/+$/, '');
}

/**
 * The newest `count` snapshots, newest first (§8): phyp entries ordered by time; the VIOS files
 * whose `updated` equals that phyp time exactly; and the newest RMC `lpar` file not newer than it
 * (RMC data comes about every two minutes, so it rarely shares the phyp instant).
 */
export function selectSnapshots(entries: readonly LtmEntry[], count: number): SnapshotFiles[] {
  const phyps = entries.filter((e) => e.category === 'phyp').sort((a, b) => b.time - a.time);
  const lpars = entries.filter((e) => e.category === 'lpar').sort((a, b) => b.time - a.time);
  const unique = phyps.filter((entry, index) => index === 0 || phyps[index - 1]!.time !== entry.time);
  return unique.slice(0, count).map((phyp) => ({
    phyp,
    vios: entries.filter((e) => e.category.startsWith('vios_') && e.time === phyp.time),
    lpar: lpars.find((e) => e.time <= phyp.time),
  }));
}
