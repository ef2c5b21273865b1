import { PRODUCT, VERSION } from './build-info.js';
import type { RenderInput } from './render-input.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const status = (up: boolean): string => (up ? 'up' : 'down');

function rows({ state, time }: RenderInput): string[] {
  const rows: string[] = [];
  for (const console of state.consoles.values()) {
    const failure = console.failure ? ` (${console.failure.message})` : '';
    rows.push(
      `<tr><td>${escapeHtml(console.name)}</td><td></td><td>${status(console.up)}${escapeHtml(failure)}</td><td></td></tr>`,
    );
    for (const system of console.systems.values()) {
      const age = system.sampleTime === undefined ? '' : `${Math.round((time - system.sampleTime) / 1000)} s`;
      const why = system.failure ? ` (${system.failure.message})` : '';
      rows.push(
        `<tr><td></td><td>${escapeHtml(system.name)}</td><td>${status(system.up)}${escapeHtml(why)}</td><td>${age}</td></tr>`,
      );
    }
  }
  return rows;
}

/** The page at `/`: what this is, where the metrics are, and how each console and system is doing. */
export function landingPage(input: RenderInput): string {
  const table = rows(input);
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(PRODUCT)}</title></head>
<body>
<h1>${escapeHtml(PRODUCT)} ${escapeHtml(VERSION)}</h1>
<p><a href="/metrics">Metrics</a> · <a href="/-/healthy">Health</a> · <a href="/-/ready">Readiness</a></p>
${
  table.length === 0
    ? '<p>No console polled yet.</p>'
    : `<table>
<thead><tr><th>Console</th><th>System</th><th>Status</th><th>Sample age</th></tr></thead>
<tbody>
${table.join('\n')}
</tbody>
</table>`
}
</body>
</html>
`;
}
