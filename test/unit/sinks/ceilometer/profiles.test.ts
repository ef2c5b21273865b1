import { describe, expect, it } from 'vitest';
import { METRICS, type CeilometerMeter, type Entity } from '../../../../src/metrics/index.js';
import { metersOf, profile, PROFILE_NAMES, PROFILES } from '../../../../src/sinks/ceilometer/profiles.js';

const names = (p: string) => metersOf(profile(p)).map((m) => m.meter);
const units = (p: string) => Object.fromEntries(metersOf(profile(p)).map((m) => [m.meter, m.unit]));

const VNIC_BASE = [
  'network.incoming.bytes',
  'network.outgoing.bytes',
  'network.incoming.packets',
  'network.outgoing.packets',
];
const VNIC_RATES = ['network.incoming.bytes.rate', 'network.outgoing.bytes.rate'];
const VNIC_OCATA = [
  'network.incoming.packets.error',
  'network.outgoing.packets.error',
  'network.incoming.packets.drop',
  'network.outgoing.packets.drop',
];
const DISK = [
  'disk.device.read.bytes',
  'disk.device.write.bytes',
  'disk.device.read.requests',
  'disk.device.write.requests',
];

describe('Ceilometer profiles (ceilometer.md §2)', () => {
  it('kilo: legacy meters, no Ocata packet meters, no notification meters (§2b)', () => {
    expect(names('kilo').sort()).toEqual(
      [
        'cpu',
        'cpu_util',
        'memory.resident',
        'memory.usage',
        ...VNIC_BASE,
        ...VNIC_RATES,
        ...DISK,
        'disk.device.iops',
      ].sort(),
    );
    expect(units('kilo')).toMatchObject({ 'memory.usage': 'MB', 'memory.resident': 'MB', cpu: 'ns' });
    expect(PROFILES.kilo).toMatchObject({ timestamp: 'kilo', monotonicTime: false });
  });

  it('zed: the §2c set our table can feed, memory in MB', () => {
    expect(names('zed').sort()).toEqual(
      [
        'cpu',
        'cpu_util',
        'memory.resident',
        'memory.usage',
        ...VNIC_BASE,
        ...VNIC_RATES,
        ...VNIC_OCATA,
        ...DISK,
        'disk.device.iops',
      ].sort(),
    );
    expect(units('zed')).toMatchObject({
      'memory.usage': 'MB',
      'disk.device.iops': 'count/s',
      cpu_util: '%',
    });
  });

  it('2025.1: no cpu_util, no disk.device.iops, vNIC rates kept (§2a, §2d)', () => {
    expect(names('2025.1').sort()).toEqual(
      ['cpu', 'memory.resident', 'memory.usage', ...VNIC_BASE, ...VNIC_RATES, ...VNIC_OCATA, ...DISK].sort(),
    );
  });

  it('2025.2 adds vcpus and memory as pollsters, still MB; 2026.1/current switch memory to MiB', () => {
    const modern = [
      'cpu',
      'vcpus',
      'memory',
      'memory.resident',
      'memory.usage',
      ...VNIC_BASE,
      ...VNIC_RATES,
      ...VNIC_OCATA,
      ...DISK,
    ].sort();
    for (const p of ['2025.2', '2026.1', 'current']) expect(names(p).sort()).toEqual(modern);
    expect(units('2025.2')).toMatchObject({ memory: 'MB', 'memory.usage': 'MB', vcpus: 'vcpu' });
    for (const p of ['2026.1', 'current']) {
      expect(units(p)).toMatchObject({ memory: 'MiB', 'memory.usage': 'MiB', 'memory.resident': 'MiB' });
    }
  });

  it('keeps the table types and names every excluded meter as a table meter', () => {
    const table = new Map<string, CeilometerMeter<Entity>>();
    for (const row of METRICS) {
      for (const m of (row.ceilometer ?? []) as readonly CeilometerMeter<Entity>[]) table.set(m.meter, m);
    }
    for (const name of PROFILE_NAMES) {
      for (const m of metersOf(PROFILES[name])) expect(m.type).toBe(table.get(m.meter)?.type);
      for (const meter of PROFILES[name].without) expect(table.has(meter), `${name}: ${meter}`).toBe(true);
    }
  });

  it('rejects an unknown profile name, listing the known ones', () => {
    expect(() => profile('victoria')).toThrow(/unknown Ceilometer profile "victoria" \(known: kilo, zed/);
  });
});
