import { describe, expect, it } from 'vitest';
import type {
  InstanceDirectory,
  InstanceIdentity,
} from '../../../../src/sinks/ceilometer/identity/directory.js';
import { convertReadings, formatTimestamp } from '../../../../src/sinks/ceilometer/convert.js';
import { profile } from '../../../../src/sinks/ceilometer/profiles.js';
import { verifySample } from '../../../../src/sinks/ceilometer/sign.js';
import { notificationBody } from '../../../../src/sinks/ceilometer/transport/notification.js';
import { disk, lpar, readings, systemReading, vnic } from '../otel/support/readings.js';

const INSTANCE = 'c89ffb20-5d19-4a8c-bb80-13650627d985';
const LPAR_UUID = '489FFB20-5D19-4A8C-BB80-13650627D985';
const IDENTITY: InstanceIdentity = {
  instance_id: INSTANCE,
  project_id: 'p1',
  user_id: 'u1',
  display_name: 'web01',
  instance_name: 'instance-0000002a',
  instance_host: 'novalink1',
  host: 'hostid-hash',
  flavor: { id: '42', name: 'm1.small' },
  user_metadata: { server_group: 'g1' },
};
const directory = (
  entries: Record<string, InstanceIdentity> = { [LPAR_UUID]: IDENTITY },
): InstanceDirectory => ({
  lookup: ({ uuid }) => entries[uuid],
});
let n = 0;
const newId = () => `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}`;

const oneLpar = (overrides = {}) =>
  readings({
    system: systemReading({ time: '2026-11-25T03:41:09.950Z' }),
    lpars: [
      lpar('lpar1', {
        lpar_uuid: LPAR_UUID,
        cpu_number: 4,
        vnics: [vnic('U8247.22L.2125D4A-V2-C2')],
        disks: [disk('vios1-vhost0')],
        ...overrides,
      }),
    ],
  });
const convert = (r = oneLpar(), extra = {}) =>
  convertReadings(r, { profile: profile('zed'), directory: directory(), secret: 'secret', newId, ...extra });
const byMeter = <S extends { counter_name: string }>(samples: S[], meter: string): S[] =>
  samples.filter((s) => s.counter_name === meter);

describe('convertReadings', () => {
  it('builds signed wire dicts with the §3b keys and the sample time', () => {
    const { samples, rejected, lpars } = convert();
    expect(rejected).toEqual([]);
    expect(lpars).toEqual({ mapped: 1, unmappedSent: 0, unmappedSkipped: 0 });
    const [cpu] = byMeter(samples, 'cpu');
    expect(Object.keys(cpu!).sort()).toEqual(
      [
        'source',
        'counter_name',
        'counter_type',
        'counter_unit',
        'counter_volume',
        'user_id',
        'project_id',
        'resource_id',
        'timestamp',
        'resource_metadata',
        'message_id',
        'monotonic_time',
        'message_signature',
      ].sort(),
    );
    expect(cpu).toMatchObject({
      source: 'openstack',
      counter_type: 'cumulative',
      counter_unit: 'ns',
      counter_volume: 3e9,
      user_id: 'u1',
      project_id: 'p1',
      resource_id: INSTANCE,
      timestamp: '2026-11-25T03:41:09.950000',
      monotonic_time: null,
    });
    expect(cpu!.message_id).toMatch(/^00000000-0000-0000-0000-\d{12}$/);
    for (const s of samples) expect(verifySample(s, 'secret'), s.counter_name).toBe(true);
    expect(new Set(samples.map((s) => s.message_id)).size).toBe(samples.length);
  });

  it("writes each sample's JSON, as a notification carries it, the way JSON.stringify writes the dict", () => {
    const oddId = () => `id "${++n}" \\ \n \u2028 é`;
    const odd = oneLpar({ lpar_name: 'web "01"\té 😀' });
    for (const extra of [{}, { profile: profile('kilo') }, { newId: oddId, secret: '' }]) {
      const { samples } = convert(odd, extra);
      expect(samples.length).toBeGreaterThan(10);
      for (const sample of samples) {
        const text = sample.osloJson();
        expect(sample.osloJsonBytes()).toBe(Buffer.byteLength(text));
        expect(JSON.parse(`"${text}"`)).toBe(JSON.stringify(sample));
      }
      const envelope = JSON.parse(notificationBody(samples).toString('utf8')) as Record<string, string>;
      const message = JSON.parse(envelope['oslo.message']!) as { payload: { samples: unknown[] } };
      expect(message.payload.samples).toEqual(JSON.parse(JSON.stringify(samples)));
    }
  });

  it('gives instance meters the instance id and the §2f metadata, cpu with cpu_number', () => {
    const { samples } = convert();
    const [cpu] = byMeter(samples, 'cpu');
    expect(cpu!.resource_metadata).toMatchObject({
      cpu_number: 4,
      display_name: 'web01',
      name: 'instance-0000002a',
      instance_id: INSTANCE,
      instance_type: 'm1.small',
      host: 'hostid-hash',
      instance_host: 'novalink1',
      flavor: { id: '42', name: 'm1.small' },
      user_metadata: { server_group: 'g1' },
    });
    for (const meter of ['cpu_util', 'memory.usage', 'memory.resident']) {
      expect(byMeter(samples, meter)[0]?.resource_id).toBe(INSTANCE);
    }
  });

  it('names vNIC resources <instance_name>-<instance id>-<vnic> with vNIC metadata (§2e)', () => {
    const { samples } = convert();
    const [rx] = byMeter(samples, 'network.incoming.bytes');
    expect(rx!.resource_id).toBe(`instance-0000002a-${INSTANCE}-U8247.22L.2125D4A-V2-C2`);
    expect(rx!.resource_metadata).toMatchObject({
      vnic_name: 'U8247.22L.2125D4A-V2-C2',
      name: 'U8247.22L.2125D4A-V2-C2',
      instance_id: INSTANCE,
      mac: '8E:7A:00:00:00:01',
      fref: null,
      parameters: null,
    });
    expect(byMeter(samples, 'network.outgoing.packets.drop')[0]?.resource_id).toBe(rx!.resource_id);
  });

  it('names disk resources <instance id>-<device> with disk_name (§2e)', () => {
    const { samples } = convert();
    const [read] = byMeter(samples, 'disk.device.read.bytes');
    expect(read!.resource_id).toBe(`${INSTANCE}-vios1-vhost0`);
    expect(read!.resource_metadata).toMatchObject({ disk_name: 'vios1-vhost0', instance_id: INSTANCE });
    expect(byMeter(samples, 'disk.device.iops')[0]).toMatchObject({
      counter_unit: 'count/s',
      counter_volume: 0.4,
    });
  });

  it('follows the profile: meter set, memory unit, Kilo timestamps without monotonic_time', () => {
    const current = convert(oneLpar(), { profile: profile('current') });
    expect(byMeter(current.samples, 'cpu_util')).toEqual([]);
    expect(byMeter(current.samples, 'disk.device.iops')).toEqual([]);
    expect(byMeter(current.samples, 'memory')[0]).toMatchObject({
      counter_unit: 'MiB',
      counter_volume: 8192,
    });
    const kilo = convert(oneLpar(), { profile: profile('kilo') });
    const [cpu] = byMeter(kilo.samples, 'cpu');
    expect(cpu!.timestamp).toBe('2026-11-25T03:41:09Z');
    expect(cpu).not.toHaveProperty('monotonic_time');
    expect(byMeter(kilo.samples, 'memory.usage')[0]?.counter_unit).toBe('MB');
  });

  it('does not send null volumes', () => {
    const { samples, rejected } = convert(oneLpar({ cpu_util: null, memory_usage: null }));
    expect(byMeter(samples, 'cpu_util')).toEqual([]);
    expect(byMeter(samples, 'memory.usage')).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('rejects NaN/Infinity volumes and a missing timestamp, naming LPAR and meter', () => {
    const bad = convert(oneLpar({ cpu_time: Number.NaN, memory_resident: Infinity }));
    expect(bad.rejected.map((r) => [r.lpar, r.meter, r.reason])).toEqual([
      ['lpar1', 'cpu', 'counter_volume is not a finite number (NaN)'],
      ['lpar1', 'memory.resident', 'counter_volume is not a finite number (Infinity)'],
    ]);
    expect(byMeter(bad.samples, 'cpu')).toEqual([]);

    const r = oneLpar();
    r.system = systemReading({ time: 'not a time' });
    const noTime = convert(r);
    expect(noTime.samples).toEqual([]);
    expect(noTime.rejected.length).toBeGreaterThan(0);
    expect(new Set(noTime.rejected.map((x) => x.reason))).toEqual(new Set(['missing timestamp']));
  });

  it('rejects samples of an identity without instance id (empty resource_id)', () => {
    const { samples, rejected } = convertReadings(oneLpar(), {
      profile: profile('zed'),
      directory: directory({ [LPAR_UUID]: { ...IDENTITY, instance_id: '' } }),
      secret: 's',
    });
    expect(byMeter(samples, 'cpu')).toEqual([]);
    expect(rejected.find((x) => x.meter === 'cpu')?.reason).toBe('empty resource_id');
  });

  it('sends unmapped LPARs under their lower-case UUID with null project/user, or skips them', () => {
    const r = readings({
      lpars: [
        lpar('lpar1', { lpar_uuid: LPAR_UUID }),
        lpar('other', { lpar_uuid: '7F00AA11-0000-4000-8000-0000000000AB' }),
      ],
    });
    const sent = convert(r);
    expect(sent.lpars).toEqual({ mapped: 1, unmappedSent: 1, unmappedSkipped: 0 });
    const other = sent.samples.filter((s) => s.resource_metadata['lpar_name'] === 'other');
    expect(byMeter(other, 'cpu')[0]).toMatchObject({
      resource_id: '7f00aa11-0000-4000-8000-0000000000ab',
      project_id: null,
      user_id: null,
      resource_metadata: { display_name: 'other', mapped: false },
    });
    expect(byMeter(other, 'network.incoming.bytes')[0]?.resource_id).toMatch(
      /^other-7f00aa11-0000-4000-8000-0000000000ab-./,
    );

    const skipped = convert(r, { unmapped: 'skip' });
    expect(skipped.lpars).toEqual({ mapped: 1, unmappedSent: 0, unmappedSkipped: 1 });
    expect(skipped.samples.every((s) => s.resource_metadata['lpar_name'] === 'lpar1')).toBe(true);
  });
});

describe('formatTimestamp', () => {
  it('writes naive UTC with microseconds, or Kilo seconds with Z, from any ISO-8601 offset', () => {
    expect(formatTimestamp('2026-11-25T04:41:09.95+01:00', 'micro')).toBe('2026-11-25T03:41:09.950000');
    expect(formatTimestamp('2026-11-25T03:41:09.950Z', 'kilo')).toBe('2026-11-25T03:41:09Z');
    expect(formatTimestamp('garbage', 'micro')).toBeUndefined();
  });
});
