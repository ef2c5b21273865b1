export { inspect, type InspectOptions } from './inspect.js';
export type * from './readings.js';
