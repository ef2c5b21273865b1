import { describe, expect, it } from 'vitest';
import { InputReceiver, InputSender } from '../../../../src/sinks/otel/state-transfer.js';
import { lpar, readings } from './support/readings.js';
import { console, SAMPLE_TIME, state, system } from './support/states.js';

/** What crossing to a worker thread does to a message: a structured clone. */
const cross = <T>(message: T): T => structuredClone(message);

describe('InputSender / InputReceiver', () => {
  const sys1 = system('sys1', { readings: readings({ lpars: [lpar('a')] }) });
  const sys2 = system('sys2', { readings: readings({ lpars: [lpar('b')] }) });

  it('round-trips a state: the receiver sees what the sender was given', () => {
    const input = { state: state([console('hmc1', [sys1, sys2])]), time: SAMPLE_TIME, sinks: [] };
    const decoded = new InputReceiver().decode(cross(new InputSender().encode(input)));
    // Every system's readings crossed: all of them are fresh to the rendering thread.
    const fresh = [sys1, sys2].map((s) => ({ console: 'hmc1', system: s.name, readings: s.readings }));
    expect(decoded).toEqual({ ...input, fresh });
  });

  it('sends readings once, then names them unchanged, and fills them in on the other side', () => {
    const sender = new InputSender();
    const receiver = new InputReceiver();
    const first = sender.encode({ state: state([console('hmc1', [sys1, sys2])]), time: 1 });
    receiver.decode(cross(first));
    const newer = system('sys2', { readings: readings({ lpars: [lpar('c')] }) });
    const second = sender.encode({ state: state([console('hmc1', [sys1, newer])]), time: 2 });
    const sent = new Map(second.consoles[0]![1].systems);
    expect(sent.get('uuid-sys1')!.readings).toBe('unchanged');
    expect(sent.get('uuid-sys2')!.readings).toEqual(newer.readings);
    const cycle = receiver.decode(cross(second));
    expect(cycle.fresh.map((f) => f.system)).toEqual(['sys2']); // only what crossed is fresh
    const decoded = cycle.state.consoles.get('hmc1')!.systems;
    expect(decoded.get('uuid-sys1')!.readings).toEqual(sys1.readings);
    expect(decoded.get('uuid-sys2')!.readings!.lpars.map((l) => l.lpar_name)).toEqual(['c']);
  });

  it('sends afresh the readings of a system that vanished and came back', () => {
    const sender = new InputSender();
    sender.encode({ state: state([console('hmc1', [sys1])]), time: 1 });
    sender.encode({ state: state([console('hmc1', [])]), time: 2 });
    const back = sender.encode({ state: state([console('hmc1', [sys1])]), time: 3 });
    expect(back.consoles[0]![1].systems[0]![1].readings).toEqual(sys1.readings);
  });

  it('refuses to guess readings it never received, naming the system', () => {
    const sender = new InputSender();
    sender.encode({ state: state([console('hmc1', [sys1])]), time: 1 }); // lost on the way
    const second = sender.encode({ state: state([console('hmc1', [sys1])]), time: 2 });
    expect(() => new InputReceiver().decode(cross(second))).toThrow(
      'readings of system uuid-sys1 on console hmc1 were never received',
    );
  });
});
