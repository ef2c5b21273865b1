import { readFileSync } from 'node:fs';

export type ReplayKind = 'phyp' | 'vios' | 'lpar';

export interface ReplayFile {
  path: string;
  kind: ReplayKind;
  /** `phyp`, `vios_<id>` or `lpar`. */
  category: string;
  /** Served byte for byte, so 64-bit WWPNs and exponent notation survive. */
  text: string;
  /** Parsed only to learn names and locations; never re-serialised. */
  json: unknown;
}

/**
 * Reads a captured PCM document: raw JSON as the console serves it, or a pypowervm traffic file
 * (INFO/HEADERS/BODY sections), whose BODY is taken. The kind is told from the content, not the name.
 */
export function loadReplayFile(path: string): ReplayFile {
  const raw = readFileSync(path, 'utf8');
  const text = /^BODY\{/m.test(raw) ? trafficBody(raw) : raw;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not a JSON PCM document (${(error as Error).message})`);
  }
  const sample = dig(json, 'systemUtil', 'utilSample');
  if (Array.isArray(dig(json, 'lparUtil'))) return { path, kind: 'lpar', category: 'lpar', text, json };
  if (Array.isArray(dig(sample, 'lparsUtil'))) return { path, kind: 'phyp', category: 'phyp', text, json };
  const viosId = dig(sample, 'viosUtil', 0, 'id');
  if (viosId !== undefined) return { path, kind: 'vios', category: `vios_${String(viosId)}`, text, json };
  throw new Error(`${path}: neither a phyp, vios nor lpar PCM document`);
}

/** The lines strictly between `BODY{` and the next `END OF SECTION}`, trimmed (see the fixtures' README). */
function trafficBody(raw: string): string {
  const lines = raw.split('\n');
  const start = lines.findIndex((line) => line.startsWith('BODY{'));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('END OF SECTION}'));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

/** Walks into parsed JSON without trusting its shape. */
export function dig(value: unknown, ...keys: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
