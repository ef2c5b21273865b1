/** Longest wait before a worker thread that died is started again. */
const MAX_DELAY_MS = 60_000;

/**
 * When to start a worker thread again after it died: after the first delay, doubled for each
 * thread in a row that dies before doing any work, up to a minute. Only the first death of such a
 * row is worth a log line; the others are the same failure again.
 */
export class ThreadRestarts {
  readonly #firstMs: number;
  #nextMs: number;

  constructor(firstMs = 1_000) {
    this.#firstMs = firstMs;
    this.#nextMs = firstMs;
  }

  /** The thread did its work: the next death starts a new row. */
  worked(): void {
    this.#nextMs = this.#firstMs;
  }

  /** A thread died: how long to wait before the next one, and whether this death is the first of its row. */
  died(): { delayMs: number; first: boolean } {
    const delayMs = this.#nextMs;
    this.#nextMs = Math.min(delayMs * 2, MAX_DELAY_MS);
    return { delayMs, first: delayMs === this.#firstMs };
  }
}
