// Writes docs/metrics.md from the metric table (npm run docs).
import { writeFileSync } from 'node:fs';
import { metricsReference } from '../src/metrics/reference-doc.js';

writeFileSync(new URL('../docs/metrics.md', import.meta.url), metricsReference());
