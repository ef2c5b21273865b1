export * from './collector.js';
export * from './console-snapshot.js';
export * from './logger.js';
export type * from './state.js';
export { DEFAULT_SCHEDULE, type PollSchedule } from './system-poller.js';
export type * from './target.js';
export { realTiming, type Timing } from './timing.js';
