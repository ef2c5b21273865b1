import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { asSampleDict, wireDict } from './sample-dict.js';
import { PublishError, type SamplePublisher, type WireSample } from './types.js';

export interface FilePublisherOptions {
  /** File to append to (created with its directory). */
  path: string;
  /**
   * `wire` (default): the signed dicts as they go on the bus; `sample`: `Sample.as_dict()`, as
   * Ceilometer's `file://…?json` publisher writes them.
   */
  form?: 'wire' | 'sample';
}

/** Appends one JSON line per sample; for debugging what the sink would send. */
export class FilePublisher implements SamplePublisher {
  readonly name = 'file';
  readonly #options: FilePublisherOptions;
  #dirReady = false;

  constructor(options: FilePublisherOptions) {
    this.#options = options;
  }

  async publish(samples: readonly WireSample[]): Promise<void> {
    if (samples.length === 0) return;
    const toLine = this.#options.form === 'sample' ? asSampleDict : wireDict;
    const text = samples.map((sample) => `${JSON.stringify(toLine(sample))}\n`).join('');
    try {
      if (!this.#dirReady) {
        await mkdir(path.dirname(this.#options.path), { recursive: true });
        this.#dirReady = true;
      }
      await appendFile(this.#options.path, text, 'utf8');
    } catch (error) {
      throw new PublishError(`writing ${this.#options.path} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {}
}
