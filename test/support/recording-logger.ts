import type { Logger } from '../../src/collector/index.js';

export interface LogLine {
  level: string;
  fields: object;
  message: string;
}

/** A collector Logger that keeps every line, for tests that count what the operator would read. */
export function recordingLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
