import { describe, expect, it } from 'vitest';
import { landingPage } from '../../../../src/sinks/otel/landing-page.js';
import { EMPTY_STATE } from '../../../../src/sinks/otel/render-input.js';
import { console, SAMPLE_TIME, state, system } from './support/states.js';

const pkg = (await import('../../../../package.json', { with: { type: 'json' } })).default;

describe('landing page', () => {
  it('names the product and version and links to /metrics', () => {
    const html = landingPage({ state: EMPTY_STATE, time: SAMPLE_TIME });
    expect(html).toContain(`<h1>${pkg.name} ${pkg.version}</h1>`);
    expect(html).toContain('<a href="/metrics">');
    expect(html).toContain('No console polled yet.');
  });

  it('lists each console and system with its status and sample age', () => {
    const html = landingPage({
      time: SAMPLE_TIME + 12_400,
      state: state([
        console('hmc1', [
          system('sys1'),
          system('sys2', { up: false, failure: { kind: 'timeout', message: 'no answer in 30 s' } }),
        ]),
      ]),
    });
    expect(html).toContain('<tr><td>hmc1</td><td></td><td>up</td><td></td></tr>');
    expect(html).toContain('<tr><td></td><td>sys1</td><td>up</td><td>12 s</td></tr>');
    expect(html).toContain('<tr><td></td><td>sys2</td><td>down (no answer in 30 s)</td><td>12 s</td></tr>');
  });

  it('escapes names and messages that come from the console', () => {
    const html = landingPage({
      time: SAMPLE_TIME,
      state: state([
        console('<hmc>', [], { up: false, failure: { kind: 'tls', message: 'bad "cert" & <key>' } }),
      ]),
    });
    expect(html).toContain('&lt;hmc&gt;');
    expect(html).toContain('down (bad &quot;cert&quot; &amp; &lt;key&gt;)');
    expect(html).not.toContain('<hmc>');
  });
});
