import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Fails the test during which the process met an unhandled rejection or an uncaught exception: the
 * exporter must survive every fault by handling it, not by luck. Call once at the top of a file.
 */
export function failOnProcessFaults(): void {
  const seen: string[] = [];
  const record = (kind: string) => (error: unknown) =>
    seen.push(`${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  const onRejection = record('unhandledRejection');
  const onException = record('uncaughtException');
  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
  });
  afterEach(() => {
    const faults = seen.splice(0);
    expect(faults).toEqual([]);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  });
}
