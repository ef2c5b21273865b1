import { format, resolveConfig } from 'prettier';
import { fleet } from './fleet.js';
import type { Dashboard } from './grafana.js';
import { lparDashboard } from './lpar.js';
import { managedSystem } from './system.js';
import { viosDashboard } from './vios.js';

/** The shipped dashboards by file name under dashboards/. */
export const DASHBOARDS: Record<string, Dashboard> = {
  'powervm-fleet.json': fleet,
  'powervm-system.json': managedSystem,
  'powervm-lpar.json': lparDashboard,
  'powervm-vios.json': viosDashboard,
};

/** The file's text, formatted as `prettier --check` wants it. */
export async function render(file: string, dashboard: Dashboard): Promise<string> {
  const options = await resolveConfig(new URL(`../../dashboards/${file}`, import.meta.url).pathname);
  return format(JSON.stringify(dashboard, null, 2), { ...options, parser: 'json' });
}
