import { describe, expect, it } from 'vitest';
import { instancesOf } from '../../src/metrics/index.js';
import { readings } from './sinks/otel/support/readings.js';

describe('instancesOf', () => {
  it('hands out the readings themselves, adapters with their partition beside them, never copies', () => {
    // Copies with the partition spread in cost a V8 hidden class each (see Instance).
    const r = readings();
    const instances = instancesOf(r);
    const [lpar] = r.lpars;
    const [vios] = r.vioses;
    expect(instances.lpar[0]).toEqual({ labels: { lpar: lpar!.lpar_name }, entity: lpar, owner: undefined });
    expect(instances.vnic[0]!.entity).toBe(lpar!.vnics[0]);
    expect(instances.vnic[0]!.owner).toBe(lpar);
    expect(instances.disk[0]!.entity).toBe(lpar!.disks[0]);
    expect(instances.disk[0]!.owner).toBe(lpar);
    expect(instances.viosNetwork[0]!.entity).toBe(vios!.network[0]);
    expect(instances.viosFc[0]!.owner).toBe(vios);
    expect(instances.viosStorage[0]!.entity).toBe(vios!.storage[0]);
  });
});
