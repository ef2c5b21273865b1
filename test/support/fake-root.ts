import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A directory standing for the root of the machine or container a deploy file describes: files
 * are placed at their absolute paths under it, and command lines or configuration files that
 * name those paths are relocated into it, so the real CLI can run them here.
 */
export interface FakeRoot {
  dir: string;
  /** Writes `content` at the absolute path `file` under the root; returns the real path. */
  place(file: string, content: string, mode?: number): string;
  /** `text` with every occurrence of the given absolute directories moved under the root. */
  relocate(text: string, directories: readonly string[]): string;
  remove(): void;
}

export function fakeRoot(): FakeRoot {
  const dir = mkdtempSync(path.join(tmpdir(), 'powervm-root-'));
  const under = (file: string) => path.join(dir, file);
  return {
    dir,
    place(file, content, mode = 0o600) {
      mkdirSync(path.dirname(under(file)), { recursive: true });
      writeFileSync(under(file), content, { mode });
      return under(file);
    },
    relocate(text, directories) {
      if (directories.length === 0) return text;
      // One pass, longest first: /etc/a/b is moved once, not again as part of /etc/a.
      const escaped = [...directories]
        .sort((a, b) => b.length - a.length)
        .map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return text.replace(new RegExp(escaped.join('|'), 'g'), (d) => under(d));
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
