import { pino, type Logger as PinoLogger } from 'pino';

/**
 * Structured JSON logs on stdout. We never log secrets on purpose; the redaction paths are a second
 * line of defence should a connection or request object ever be logged whole.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): PinoLogger {
  return pino(
    {
      level,
      base: { service: 'powervm-exporter' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'password',
          '*.password',
          '*.*.password',
          'token',
          '*.token',
          'headers["x-api-session"]',
          '*.headers["x-api-session"]',
          'secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream,
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
