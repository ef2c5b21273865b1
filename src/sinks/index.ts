export type { Sink } from './sink.js';
export { MemorySink } from './debug/memory-sink.js';
