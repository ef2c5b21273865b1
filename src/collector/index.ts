export * from './console-snapshot.js';
