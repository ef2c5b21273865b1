export type { Sink } from './sink.js';
