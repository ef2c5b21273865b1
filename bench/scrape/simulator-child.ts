/**
 * Child process: the simulated HMC the exporter polls, kept out of the exporter's process so that
 * rendering PCM documents is not counted as the exporter's CPU or memory.
 * Usage: simulator-child.ts <systems> <lpars per system> <sample interval s>
 */
import { tellParent } from './ipc.js';
import { startSimulator } from './product.js';

const [systems, lpars, intervalSeconds] = process.argv.slice(2).map(Number);
if (systems === undefined || lpars === undefined || intervalSeconds === undefined) {
  throw new Error('usage: simulator-child.ts <systems> <lpars per system> <sample interval s>');
}
const simulator = await startSimulator({
  systems,
  lpars,
  vios: 2,
  seed: 1,
  sampleIntervalSeconds: intervalSeconds,
  retentionMinutes: 5,
});
tellParent({ type: 'listening', url: simulator.url });
process.once('SIGTERM', () => {
  void simulator.close().then(() => process.exit(0));
});
// Stays up until the parent goes, even if it cannot signal.
process.on('disconnect', () => process.exit(0));
