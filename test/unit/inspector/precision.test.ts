/**
 * Counters past 2^53 (cycle counters of large, long-running systems reach 10^18): readings are
 * doubles, exact below 2^53; above it the error of a delta is bounded by one unit in the last
 * place of the counter. Checked here against exact BigInt arithmetic on the same JSON text.
 */
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/inspector/index.js';
import { CPS, lparEntry, parsed, sample } from '../../support/samples.js';

const ulp = (x: number) => 2 ** (Math.floor(Math.log2(x)) - 52);

function phypText(cycles: { entitled: bigint; capped: bigint; uncapped: bigint }, rx: bigint): string {
  const entry = lparEntry(
    'AAAAAAAA-0000-4000-8000-000000000001',
    { entitled: 1, capped: 2, uncapped: 3 },
    {
      network: {
        virtualEthernetAdapters: [
          {
            physicalLocation: 'U-C2',
            receivedBytes: 4,
            sentBytes: 0,
            receivedPackets: 0,
            sentPackets: 0,
            droppedPackets: 0,
          },
        ],
      },
    },
  );
  const json = JSON.stringify({
    systemUtil: {
      utilInfo: {},
      utilSample: {
        timeStamp: 'x',
        processor: { procCyclesPerSecond: CPS },
        lparsUtil: [entry],
        viosUtil: [],
        sharedProcessorPool: [],
      },
    },
  });
  // Write the counters as bare integer literals, exactly as the console does.
  return json
    .replace('"entitledProcCycles":1', `"entitledProcCycles":${cycles.entitled}`)
    .replace('"utilizedCappedProcCycles":2', `"utilizedCappedProcCycles":${cycles.capped}`)
    .replace('"utilizedUnCappedProcCycles":3', `"utilizedUnCappedProcCycles":${cycles.uncapped}`)
    .replace('"receivedBytes":4', `"receivedBytes":${rx}`);
}

describe('precision above 2^53', () => {
  // A 64-core LPAR up for about a year: ~10^18 cycles. One 30 s interval adds 64 × 512e6 × 30 ≈ 10^12.
  const base = 1_000_000_000_000_000_007n;
  const step = 983_040_000_001n;
  const before = { entitled: base, capped: base / 2n + 1n, uncapped: base / 4n + 3n };
  const after = {
    entitled: base + step,
    capped: base / 2n + 1n + step / 2n,
    uncapped: base / 4n + 3n + step / 3n,
  };
  const rxBase = 2n ** 60n + 12345n;
  const rxStep = 3_000_000_017n;

  const readings = inspect(
    sample(parsed(phypText(after, rxBase + rxStep), 'phyp'), 60),
    sample(parsed(phypText(before, rxBase), 'phyp'), 30),
  );
  const lpar = readings.lpars[0]!;

  it('cpu_util is within the documented bound of the exact value', () => {
    const busy = Number(after.capped - before.capped + (after.uncapped - before.uncapped));
    const exact = (busy / Number(step)) * 100;
    // Each delta may be off by one ulp of its counter; relative error ≤ 3 ulp(counter) / delta.
    const bound = ((3 * ulp(Number(base))) / Number(step)) * 100;
    expect(Math.abs(lpar.cpu_util! - exact)).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThan(1e-7); // percentage points: 128-cycle ulps against a 10^12-cycle interval
  });

  it('byte rates keep their precision: error ≤ one ulp of the counter per interval', () => {
    const exact = Number(rxStep) / 30;
    expect(Math.abs(lpar.vnics[0]!.rx_bytes_rate! - exact)).toBeLessThanOrEqual(ulp(Number(rxBase)) / 30);
  });

  it('cumulative values are the nearest double of the exact counter', () => {
    expect(lpar.vnics[0]!.rx_bytes).toBe(Number(rxBase + rxStep));
    const exactNs = Number(((after.capped + after.uncapped) * 1_000_000_000n) / BigInt(CPS));
    expect(Math.abs(lpar.cpu_time! - exactNs) / exactNs).toBeLessThan(2 ** -50);
  });
});
