export * from './errors.js';
export * from './json-fields.js';
export * from './pcm-json.js';
export * from './timestamps.js';
export * from './atom.js';
export * from './inventory.js';
export * from './ltm-feed.js';
export type * from './sample.js';
