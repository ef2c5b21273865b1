export interface BackoffOptions {
  /** First delay (ms). */
  minMs: number;
  /** Ceiling (ms). */
  maxMs: number;
}

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [d/2, d] where
 * d = min(max, min·2ⁿ), so many exporters reconnecting to one broker spread out.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions, random: () => number = Math.random) {
    this.#options = options;
    this.#random = random;
  }

  next(): number {
    const ceiling = Math.min(this.#options.maxMs, this.#options.minMs * 2 ** this.#attempt);
    this.#attempt = Math.min(this.#attempt + 1, 30);
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
