import type { Attributes } from '@opentelemetry/api';
import type { PcmPreferences } from '../../powervm/index.js';
import { SELF_METRICS } from '../../metrics/index.js';
import { NODEJS_VERSION, VERSION } from './build-info.js';
import type { RenderInput } from './render-input.js';

type Observe = (value: number, attributes: Attributes) => void;
type SelfObserver = (input: RenderInput, observe: Observe) => void;

/** The `monitor` label of powervm_pcm_enabled, one per switch of the PCM preferences. */
const MONITORS = {
  ltm: 'longTermMonitorEnabled',
  compute_ltm: 'computeLtmEnabled',
  stm: 'shortTermMonitorEnabled',
  aggregation: 'aggregationEnabled',
} as const satisfies Record<string, keyof PcmPreferences>;

const MS_PER_SECOND = 1000;
const flag = (on: boolean): number => (on ? 1 : 0);

function* systems({ state }: RenderInput) {
  for (const console of state.consoles.values()) {
    for (const system of console.systems.values()) yield { hmc: console.name, system };
  }
}

/**
 * How each self-metric is read from the collector's state; the attribute names are the `labels`
 * of its SELF_METRICS entry. Typed by SELF_METRICS' keys, so a new self-metric without an
 * observer does not compile.
 */
export const SELF_OBSERVERS: Record<keyof typeof SELF_METRICS, SelfObserver> = {
  up: ({ state }, observe) => {
    for (const console of state.consoles.values()) observe(flag(console.up), { hmc: console.name });
  },
  systemUp: (input, observe) => {
    for (const { hmc, system } of systems(input)) observe(flag(system.up), { hmc, system: system.name });
  },
  consoleTls: ({ state }, observe) => {
    for (const console of state.consoles.values()) {
      observe(1, { hmc: console.name, verification: console.tls });
    }
  },
  buildInfo: (_input, observe) => observe(1, { version: VERSION, nodejs_version: NODEJS_VERSION }),
  sampleAge: (input, observe) => {
    for (const { hmc, system } of systems(input)) {
      if (system.sampleTime === undefined) continue;
      observe((input.time - system.sampleTime) / MS_PER_SECOND, { hmc, system: system.name });
    }
  },
  collectDuration: (input, observe) => {
    for (const { hmc, system } of systems(input)) {
      if (system.collectSeconds === undefined) continue;
      observe(system.collectSeconds, { hmc, system: system.name });
    }
  },
  consoleRequests: ({ state }, observe) => {
    for (const console of state.consoles.values()) {
      for (const [code, count] of console.requests) observe(count, { hmc: console.name, code });
    }
  },
  pcmEnabled: (input, observe) => {
    for (const { hmc, system } of systems(input)) {
      const { pcm } = system;
      if (pcm === undefined) continue;
      for (const [monitor, key] of Object.entries(MONITORS)) {
        observe(flag(pcm[key]), { hmc, system: system.name, monitor });
      }
    }
  },
  readingIssues: (input, observe) => {
    for (const { hmc, system } of systems(input)) {
      for (const [problem, count] of system.issueCounts) {
        observe(count, { hmc, system: system.name, problem });
      }
    }
  },
};
