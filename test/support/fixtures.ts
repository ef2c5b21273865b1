import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pypowervm captures live beside the repository (../shared), never copied into it: see their NOTICE. */
export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'fixtures',
  'pypowervm',
);

export interface Traffic {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads one of pypowervm's INFO/HEADERS/BODY traffic files (format in the fixtures' README). */
export function loadTraffic(name: string): Traffic {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  return {
    status: Number(/'status':\s*'?(\d+)/.exec(section(text, 'INFO'))?.[1] ?? 200),
    headers: pythonStringDict(section(text, 'HEADERS')),
    body: section(text, 'BODY').trim(),
  };
}

/** Raw body of a traffic file, or the whole of a plain file. */
export function fixtureBody(name: string): string {
  return name.endsWith('.txt') ? loadTraffic(name).body : readFileSync(path.join(FIXTURES, name), 'utf8');
}

function section(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${name}{`));
  if (start < 0) return '';
  const end = lines.findIndex((line, index) => index > start && line.startsWith('END OF SECTION}'));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function pythonStringDict(literal: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of literal.matchAll(/'([^']+)':\s*'([^']*)'/g))
    headers[match[1]!.toLowerCase()] = match[2]!;
  return headers;
}
