import type { CollectorState, ConsoleState, SystemState } from '../../../../../src/collector/index.js';
import type { Readings } from '../../../../../src/inspector/index.js';
import { lpar, readings } from './readings.js';

/** 2025-01-01T00:00:30Z, the time of the hand-built samples. */
export const SAMPLE_TIME = Date.UTC(2025, 0, 1, 0, 0, 30);

export const system = (name: string, overrides: Partial<SystemState> = {}): SystemState => ({
  uuid: `uuid-${name}`,
  name,
  up: true,
  failure: undefined,
  readings: readings(),
  sampleTime: SAMPLE_TIME,
  collectSeconds: 1.5,
  pcm: {
    longTermMonitorEnabled: true,
    aggregationEnabled: false,
    shortTermMonitorEnabled: true,
    computeLtmEnabled: false,
  },
  issueCounts: new Map([['missing', 3]]),
  ...overrides,
});

export const console = (
  name: string,
  systems: SystemState[],
  overrides: Partial<ConsoleState> = {},
): ConsoleState => ({
  name,
  url: `https://${name}:12443`,
  tls: 'verified',
  up: true,
  failure: undefined,
  systems: new Map(systems.map((s) => [s.uuid, s])),
  requests: new Map([
    ['200', 12],
    ['timeout', 1],
  ]),
  ...overrides,
});

export const state = (consoles: ConsoleState[], ready = true): CollectorState => ({
  consoles: new Map(consoles.map((c) => [c.name, c])),
  ready,
});

/** One console, one system with the given readings. */
export const oneSystem = (systemReadings: Readings = readings()): CollectorState =>
  state([console('hmc1', [system('sys1', { readings: systemReadings })])]);

/**
 * An estate of `count` LPARs on one system, each with two virtual NICs and two virtual disks
 * (about 35 series per LPAR), and two VIOSes: the scale tests' and the benchmark's input.
 */
export function largeEstate(count: number): CollectorState {
  const lpars = Array.from({ length: count }, (_, i) =>
    lpar(`lpar${i}`, {
      lpar_id: i + 2,
      cpu_capped_time: i * 1e9,
      vnics: [0, 1].map((n) => ({ ...lpar('x').vnics[0]!, name: `lpar${i}-C${n + 2}` })),
      disks: [1, 2].map((n) => ({ ...lpar('x').disks[0]!, device: `vios${n}-vhost${i}`, vios_id: n })),
    }),
  );
  const base = readings();
  return oneSystem({ ...base, lpars, vioses: [...base.vioses, { ...base.vioses[0]!, vios_name: 'vios2' }] });
}
