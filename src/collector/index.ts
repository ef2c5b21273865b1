export * from './console-snapshot.js';
export type * from './state.js';
