import { existsSync } from 'node:fs';
import type * as Ceilometer from '../../src/sinks/ceilometer/index.js';

// As for the inspector benchmark: time the tsc build in dist/ that ships, typed against src/.
const CEILOMETER = new URL('../../dist/sinks/ceilometer/index.js', import.meta.url);
if (!existsSync(CEILOMETER)) {
  throw new Error('dist/ has no build of the Ceilometer sink: run `npm run build` (npm run bench does)');
}

export const { AmqpPublisher, CeilometerSink, DeliveryQueue, StaticDirectory, convertReadings, profile } =
  (await import(CEILOMETER.href)) as typeof Ceilometer;
