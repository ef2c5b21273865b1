// Writes dashboards/*.json from scripts/dashboards/ (npm run dashboards); a test fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { DASHBOARDS, render } from './dashboards/index.js';

const dir = new URL('../dashboards/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [file, dashboard] of Object.entries(DASHBOARDS)) {
  writeFileSync(new URL(file, dir), await render(file, dashboard));
}
