import { describe, expect, it } from 'vitest';
import { renderExposition } from '../../../../src/sinks/otel/index.js';
import { parseExposition, samplesOf } from './support/exposition.js';
import { largeEstate, SAMPLE_TIME } from './support/states.js';

// Past the SDK's default of 2,000 attribute sets per instrument, series would silently merge.
const LPARS = 2_500;

describe('an estate beyond the SDK default cardinality limit', () => {
  it('keeps every series: no overflow series, every LPAR, adapter and disk present', async () => {
    const text = await renderExposition(largeEstate(LPARS), SAMPLE_TIME);
    expect(text).not.toContain('otel_metric_overflow');
    const e = parseExposition(text);
    expect(samplesOf(e, 'powervm_lpar_info')).toHaveLength(LPARS);
    expect(samplesOf(e, 'powervm_lpar_cpu_seconds_total')).toHaveLength(2 * LPARS);
    expect(samplesOf(e, 'powervm_lpar_network_receive_bytes_total')).toHaveLength(2 * LPARS);
    expect(samplesOf(e, 'powervm_lpar_disk_read_bytes_total')).toHaveLength(2 * LPARS);
    const lpars = new Set(
      samplesOf(e, 'powervm_lpar_cpu_entitled_seconds_total').map((s) => s.labels['lpar']),
    );
    expect(lpars.size).toBe(LPARS);
    expect(
      samplesOf(e, 'powervm_lpar_cpu_seconds_total', { lpar: 'lpar2499', mode: 'capped' })[0]?.value,
    ).toBe(2499);
  });
});
