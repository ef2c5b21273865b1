import { Worker } from 'node:worker_threads';
import type { Readings } from '../../inspector/index.js';
import { threadEntry } from '../thread-entry.js';
import { ThreadRestarts } from '../thread-restarts.js';
import type {
  ConversionSettings,
  FromConversionThread,
  Rejection,
  ToConversionThread,
} from './conversion-thread-protocol.js';
import type { LparCounts } from './convert.js';
import type { InstanceDirectory } from './identity/directory.js';
import { decodeSamples, type EncodedSample } from './transport/encoded-sample.js';

export interface ThreadedConverterOptions extends ConversionSettings {
  directory: InstanceDirectory;
  logger: { warn(fields: object, message: string): void };
  /**
   * Wait before starting a conversion thread again after one died (default 1 s), doubled for each
   * thread in a row that dies before converting anything, up to a minute.
   */
  restartDelayMs?: number;
}

export interface SliceConversion {
  samples: EncodedSample[];
  rejected: Rejection[];
  lpars: LparCounts;
}

interface Slice {
  message: ToConversionThread;
  done(conversion: SliceConversion | undefined): void;
}

/**
 * Converts and signs slices of readings on a worker thread, so that a cycle's seconds of it run on
 * another core than the publishing. Slices are answered in the order given. A thread that dies
 * takes the slices it held with it: that is logged (only the first of a row of threads that keep
 * dying, which are started ever more slowly) and a new thread converts the next ones. The thread is
 * started by the first slice, and holds the process alive only while it has slices to convert.
 */
export class ThreadedConverter {
  readonly #settings: ConversionSettings;
  readonly #directory: InstanceDirectory;
  readonly #logger: ThreadedConverterOptions['logger'];
  readonly #restarts: ThreadRestarts;
  #worker: Worker | undefined;
  /** Pending while a thread that died is not replaced yet. */
  #restartTimer: NodeJS.Timeout | undefined;
  /** The slices the live thread holds, oldest first. */
  #posted: Slice[] = [];
  /** Slices waiting for the next thread, oldest first. */
  #queued: Slice[] = [];
  #closed = false;

  constructor(options: ThreadedConverterOptions) {
    const { directory, logger, restartDelayMs, ...settings } = options;
    this.#settings = settings;
    this.#directory = directory;
    this.#logger = logger;
    this.#restarts = new ThreadRestarts(restartDelayMs);
  }

  /** The slice's samples, or undefined when its thread died with it or the converter is closed. */
  convert(readings: Readings): Promise<SliceConversion | undefined> {
    // Looked up here: the directory and its refreshes live on this thread.
    const identities = readings.lpars.map(
      (lpar) => this.#directory.lookup({ uuid: lpar.lpar_uuid, name: lpar.lpar_name }) ?? null,
    );
    return new Promise((done) => {
      if (this.#closed) return done(undefined);
      const slice: Slice = { message: { readings, identities }, done };
      const worker = this.#worker ?? (this.#restartTimer ? undefined : this.#start());
      if (worker) this.#post(worker, slice);
      else this.#queued.push(slice);
    });
  }

  /** Stops the thread; the slices it holds or that wait for it are not converted. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#restartTimer);
    for (const slice of this.#queued.splice(0)) slice.done(undefined);
    await this.#worker?.terminate();
  }

  #start(): Worker {
    const worker = new Worker(threadEntry(import.meta.url, 'conversion-thread'), {
      workerData: this.#settings,
    });
    worker.unref();
    let failure: Error | undefined;
    worker.on('message', (message: FromConversionThread) => this.#receive(worker, message));
    worker.on('error', (err) => (failure = err));
    worker.on('exit', (code) => this.#exited(worker, code, failure));
    this.#worker = worker;
    for (const slice of this.#queued.splice(0)) this.#post(worker, slice);
    return worker;
  }

  #post(worker: Worker, slice: Slice): void {
    try {
      worker.postMessage(slice.message);
    } catch (err) {
      // Data that cannot be copied (never the inspector's plain readings); publish must not throw.
      this.#logger.warn(
        { err },
        'readings could not be handed to the Ceilometer conversion thread; not sent',
      );
      slice.done(undefined);
      return;
    }
    this.#posted.push(slice);
    worker.ref();
  }

  #receive(worker: Worker, { samples, rejected, lpars }: FromConversionThread): void {
    this.#restarts.worked();
    const slice = this.#posted.shift();
    if (this.#posted.length === 0) worker.unref();
    slice?.done({ samples: decodeSamples(samples), rejected, lpars });
  }

  #exited(worker: Worker, code: number, err: Error | undefined): void {
    if (worker !== this.#worker) return;
    this.#worker = undefined;
    const lost = this.#posted.splice(0);
    if (!this.#closed) {
      const { delayMs: delay, first } = this.#restarts.died();
      if (first) {
        const lpars = lost.reduce((sum, slice) => sum + slice.message.readings.lpars.length, 0);
        this.#logger.warn(
          { err, code, lpars, restartInMs: delay },
          'the Ceilometer conversion thread stopped; the LPARs it was converting are not sent, a new thread converts the next ones',
        );
      }
      this.#restartTimer = setTimeout(() => {
        this.#restartTimer = undefined;
        if (!this.#closed) this.#start();
      }, delay);
      this.#restartTimer.unref();
    }
    for (const slice of lost) slice.done(undefined);
  }
}
