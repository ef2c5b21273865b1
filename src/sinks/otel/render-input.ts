import type { CollectorState, Cycle } from '../../collector/index.js';

/** What one rendering is made from: the collector's state and the time it describes. */
export type RenderInput = Pick<Cycle, 'state' | 'time'> & Partial<Pick<Cycle, 'sinks'>>;

/** The state before the first cycle: no console known, nothing ready. */
export const EMPTY_STATE: CollectorState = { consoles: new Map(), ready: false };

/**
 * A copy of the state's structure, so later changes the collector makes to its maps do not leak
 * into a rendering scheduled from this cycle (the Sink contract: a sink copies what it keeps).
 * Readings are not copied: the inspector builds new ones for every sample and never edits them.
 */
export function snapshotState(state: CollectorState): CollectorState {
  const consoles = new Map(
    [...state.consoles].map(([key, console]) => [
      key,
      {
        ...console,
        requests: new Map(console.requests),
        systems: new Map(
          [...console.systems].map(([id, system]) => [
            id,
            { ...system, issueCounts: new Map(system.issueCounts) },
          ]),
        ),
      },
    ]),
  );
  return { consoles, ready: state.ready };
}
