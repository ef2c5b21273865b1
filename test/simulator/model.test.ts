/** The closed-form pieces the simulator's counters rest on, checked against brute force. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawNumber, toJsonText } from '../../src/simulator/json-text.js';
import {
  isRunning,
  usageSinceBoot,
  usageSinceIpl,
  type Load,
  type Schedule,
} from '../../src/simulator/model/schedule.js';
import { constant, sine, steps, type Signal } from '../../src/simulator/model/signals.js';

/** Midpoint-rule integral of level × running, one-second steps. */
function bruteForce(signal: Signal, schedule: Schedule, from: number, to: number): number {
  let total = 0;
  for (let t = from; t < to; t++) if (isRunning(schedule, t + 0.5)) total += signal.value(t + 0.5);
  return total;
}

describe('signals', () => {
  it('integrals agree with summing the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 2, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 500 }),
        (levels, slot, origin, from) => {
          const signal = steps(levels, slot, origin);
          const to = from + 300;
          expect(signal.integral(to) - signal.integral(from)).toBeCloseTo(
            bruteForce(signal, { kind: 'always' }, from, to),
            6,
          );
        },
      ),
    );
    const wave = sine(0.5, 0.3, 600, 1.2);
    expect(wave.integral(1200) - wave.integral(0)).toBeCloseTo(600, 6);
    expect(wave.integral(150) - wave.integral(0)).toBeCloseTo(
      bruteForce(wave, { kind: 'always' }, 0, 150),
      3,
    );
  });
});

describe('schedules', () => {
  const cycle: Schedule = { kind: 'cycle', periodSeconds: 600, downSeconds: 180, phaseSeconds: 77 };
  const load: Load = { busy: steps([0.2, 0.9, 0.5, 0.7], 150, 77), extra: constant(0.25) };

  it('a cycling partition is down for the first downSeconds of each period', () => {
    expect(isRunning(cycle, 77)).toBe(false);
    expect(isRunning(cycle, 77 + 179)).toBe(false);
    expect(isRunning(cycle, 77 + 180)).toBe(true);
    expect(isRunning(cycle, 77 + 599)).toBe(true);
    expect(isRunning(cycle, 77 + 600)).toBe(false);
  });

  it('usage since the IPL adds up every running stretch; usage since boot restarts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (ipl, length) => {
        const t = ipl + length;
        const total = usageSinceIpl(cycle, load, ipl, t);
        expect(total.busy).toBeCloseTo(bruteForce(load.busy, cycle, ipl, t), 6);
        expect(total.run).toBeCloseTo(bruteForce(constant(1), cycle, ipl, t), 6);
        const sinceBoot = usageSinceBoot(cycle, load, ipl, t);
        expect(sinceBoot.run).toBeLessThanOrEqual(Math.min(420, length));
        if (!isRunning(cycle, t)) expect(sinceBoot).toEqual({ run: 0, busy: 0, extra: 0 });
      }),
    );
    expect(usageSinceIpl({ kind: 'never' }, load, 0, 5000)).toEqual({ run: 0, busy: 0, extra: 0 });
    expect(usageSinceBoot({ kind: 'always' }, load, 100, 400).run).toBe(300);
  });
});

describe('JSON writer', () => {
  it('writes raw numbers verbatim, drops undefined keys and otherwise matches JSON.stringify', () => {
    const text = toJsonText({
      a: [RawNumber.of(13857705835384867080n)],
      b: undefined,
      c: RawNumber.exponent(806297258933150),
    });
    expect(text).toBe('{\n  "a": [\n    13857705835384867080\n  ],\n  "c": 8.0629725893315e+14\n}');
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(toJsonText(value as never)).toBe(JSON.stringify(value, null, 2));
      }),
    );
    expect(() => new RawNumber('12abc')).toThrow();
  });
});
