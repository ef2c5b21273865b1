import type {
  ConsoleState,
  CollectorState,
  Cycle,
  FreshReadings,
  SystemState,
} from '../../collector/index.js';
import type { Readings } from '../../inspector/index.js';
import type { RenderInput } from './render-input.js';

/** A system as sent to the rendering thread: its readings only when they are new. */
export type SystemMessage = Omit<SystemState, 'readings'> & { readings: Readings | undefined | 'unchanged' };

export type ConsoleMessage = Omit<ConsoleState, 'systems'> & { systems: [string, SystemMessage][] };

/** One RenderInput, in the form that crosses to the rendering thread. */
export interface InputMessage {
  time: number;
  sinks: RenderInput['sinks'];
  ready: boolean;
  consoles: [string, ConsoleMessage][];
}

const systemKey = (consoleKey: string, systemId: string): string => `${consoleKey}\u0000${systemId}`;

/**
 * Encodes inputs for the rendering thread. Posting a message copies it, and an estate's readings
 * are tens of MiB at 10,000 LPARs (bench/): copied whole with every cycle, they would hold the
 * serving thread as long as rendering did. A system's readings change once per sample and the
 * inspector never edits them, so they are sent once, and afterwards named as unchanged.
 */
export class InputSender {
  #sent = new Map<string, Readings>();

  encode(input: RenderInput): InputMessage {
    const sent = new Map<string, Readings>();
    const consoles = [...input.state.consoles].map(([consoleKey, console]): [string, ConsoleMessage] => {
      const systems = [...console.systems].map(([id, system]): [string, SystemMessage] => {
        const key = systemKey(consoleKey, id);
        const { readings } = system;
        if (readings !== undefined) sent.set(key, readings);
        const unchanged = readings !== undefined && this.#sent.get(key) === readings;
        return [id, { ...system, readings: unchanged ? 'unchanged' : readings }];
      });
      return [consoleKey, { ...console, systems }];
    });
    // Only systems still present are remembered: one that vanishes and returns is sent afresh.
    this.#sent = sent;
    return { time: input.time, sinks: input.sinks, ready: input.state.ready, consoles };
  }
}

/**
 * Decodes what an InputSender encoded, filling in unchanged readings from the previous inputs. The
 * readings that crossed are the cycle's fresh ones: new to the rendering thread.
 */
export class InputReceiver {
  #held = new Map<string, Readings>();

  decode(message: InputMessage): Cycle {
    const held = new Map<string, Readings>();
    const fresh: FreshReadings[] = [];
    const consoles = new Map(
      message.consoles.map(([consoleKey, console]): [string, ConsoleState] => {
        const systems = new Map(
          console.systems.map(([id, system]): [string, SystemState] => {
            const key = systemKey(consoleKey, id);
            const readings = system.readings === 'unchanged' ? this.#held.get(key) : system.readings;
            if (system.readings === 'unchanged' && readings === undefined) {
              throw new Error(`readings of system ${id} on console ${consoleKey} were never received`);
            }
            if (readings !== undefined) held.set(key, readings);
            if (system.readings !== 'unchanged' && system.readings !== undefined) {
              fresh.push({ console: console.name, system: system.name, readings: system.readings });
            }
            return [id, { ...system, readings }];
          }),
        );
        return [consoleKey, { ...console, systems }];
      }),
    );
    this.#held = held;
    const state: CollectorState = { consoles, ready: message.ready };
    return { state, time: message.time, sinks: message.sinks ?? [], fresh };
  }
}
