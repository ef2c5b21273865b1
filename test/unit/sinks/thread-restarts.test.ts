import { describe, expect, it } from 'vitest';
import { ThreadRestarts } from '../../../src/sinks/thread-restarts.js';

describe('ThreadRestarts', () => {
  it('doubles the wait for each thread in a row that dies, up to a minute, and flags only the first death', () => {
    const restarts = new ThreadRestarts(10_000);
    const row = Array.from({ length: 5 }, () => restarts.died());
    expect(row).toEqual([
      { delayMs: 10_000, first: true },
      { delayMs: 20_000, first: false },
      { delayMs: 40_000, first: false },
      { delayMs: 60_000, first: false },
      { delayMs: 60_000, first: false },
    ]);
    restarts.worked();
    expect(restarts.died()).toEqual({ delayMs: 10_000, first: true });
  });
});
