/** The part of a pino-style logger the sink uses; the caller supplies it (default: silent). */
export interface SinkLogger {
  warn(obj: object, msg: string): void;
}

export const SILENT: SinkLogger = { warn: () => undefined };
