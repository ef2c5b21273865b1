import type * as WorkerThreads from 'node:worker_threads';
import { vi } from 'vitest';

/** Every worker thread started in this test file, oldest first, so a test can stop one as a crash would. */
export const threads: WorkerThreads.Worker[] = [];

/**
 * node:worker_threads whose Worker records each thread in {@link threads}. For a test file's
 * `vi.mock('node:worker_threads', async () => (await import('…/recorded-threads.js')).recordingWorkerThreads())`.
 */
export async function recordingWorkerThreads(): Promise<typeof WorkerThreads> {
  const original = await vi.importActual<typeof WorkerThreads>('node:worker_threads');
  class RecordedWorker extends original.Worker {
    constructor(...args: ConstructorParameters<typeof original.Worker>) {
      super(...args);
      threads.push(this);
    }
  }
  return { ...original, Worker: RecordedWorker };
}
