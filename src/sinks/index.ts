export type { Sink, SinkStat } from './sink.js';
export { MemorySink } from './debug/memory-sink.js';
