/**
 * The inspector on pypowervm's captured files, against values worked out by hand from those files
 * with ceilometer-powervm's formulas (powervm-pcm.md §12). Previous sample = phyp_pcm_data3.txt,
 * current = phyp_pcm_data2.txt; both carry the same timeStamp, so Δt is given as 30 s, which is what
 * pypowervm's first cache refresh assumes (§9).
 */
import { describe, expect, it } from 'vitest';
import { inspect, type LparReading } from '../../../src/inspector/index.js';
import { parsePcmJson, samplesFromDocuments } from '../../../src/powervm/index.js';
import { fixtureBody } from '../../support/fixtures.js';

const doc = (name: string) => ({ source: name, doc: parsePcmJson(fixtureBody(name)) });
const [current, previous] = samplesFromDocuments([
  doc('phyp_pcm_data3.txt'),
  doc('phyp_pcm_data2.txt'),
  doc('vios_pcm_data.txt'),
  doc('lpar_pcm_data.txt'),
]);
const readings = inspect(current!, previous, { intervalSeconds: 30 });
const lpar = (name: string): LparReading => readings.lpars.find((l) => l.lpar_name === name)!;

describe('inspector on the pypowervm captures', () => {
  it('takes the later file as current when timestamps tie', () => {
    expect(current!.phyp.lpars.some((l) => l['name'] === 'asdfasdfadsf')).toBe(true);
    expect(previous!.phyp.lpars.some((l) => l['name'] === 'asdfasdfadsf')).toBe(false);
  });

  it('Ubuntu1410: cpu_util, cpu_time and cpu_number', () => {
    // entitled 1765629232513 − 1665629232513 = 100000000000
    // capped    264619289721 −  254619289721 =  10000000000
    // uncapped     641419282 −     631419282 =     10000000; idle and donated unchanged (0)
    // cpu_util = (10000000000 + 10000000 − 0 − 0) / 100000000000 × 100 = 10.01
    const ubuntu = lpar('Ubuntu1410');
    expect(ubuntu.cpu_util).toBe((10_010_000_000 / 100_000_000_000) * 100);
    expect(ubuntu.cpu_util).toBeCloseTo(10.01, 12);
    // ceilometer-powervm reported cpu_time as cycles: 264619289721 + 641419282 = 265260709003.
    // In nanoseconds: 265260709003 / 512000000 × 1e9 = 518087322271.484375 ns (≈ 518 s).
    expect(ubuntu.cpu_time).toBeCloseTo(518_087_322_271.484375, 2);
    expect(ubuntu.cpu_number).toBe(4); // maxVirtualProcessors
    expect(ubuntu.proc_units).toBe(0.4);
  });

  it('kh4-9fdaa1ba-kyleh: (40000 + 5000) / 1500000 × 100 = 3', () => {
    expect(lpar('kh4-9fdaa1ba-kyleh').cpu_util).toBeCloseTo(3, 12);
  });

  it('a UUID listed twice: the later entry (id 6, diff-lpar-6) wins, and Δentitled = 0 gives 0 %', () => {
    const dup = readings.lpars.filter((l) => l.lpar_uuid === '2545BCC5-BAE8-4414-AD49-EAFC2DEE2546');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.lpar_name).toBe('diff-lpar-6');
    // entitled 1000000 − 1000000 = 0 → 0.0, as ceilometer-powervm reports a VM that is not started
    expect(dup[0]!.cpu_util).toBe(0);
  });

  it('placeholder has no idleProcCycles: no cpu_util and a named issue, where pypowervm would raise', () => {
    const placeholder = lpar('placeholder');
    expect(placeholder.cpu_util).toBeNull();
    expect(placeholder.cpu_idle_time).toBeNull();
    expect(placeholder.cpu_time).not.toBeNull();
    expect(readings.issues).toContainEqual({
      scope: 'lpar placeholder',
      field: 'processor.idleProcCycles',
      problem: 'missing',
    });
  });

  it('vNIC counters and rates of Ubuntu1410 (unchanged counters: 0 B/s)', () => {
    expect(lpar('Ubuntu1410').vnics).toEqual([
      expect.objectContaining({
        name: 'U8247.22L.2125D4A-V2-C2',
        rx_bytes: 10000,
        rx_packets: 10,
        rx_drop: 5,
        rx_errors: 0,
        tx_bytes: 100,
        tx_packets: 100,
        tx_drop: 0,
        tx_errors: 0,
        rx_bytes_rate: 0, // (10000 − 10000) / 30
        tx_bytes_rate: 0,
      }),
    ]);
  });

  it('vSCSI disk: client slot pointer 1000 on VIOS 1 finds vhost0 at …-V1-C1000', () => {
    expect(lpar('Ubuntu1410').disks).toEqual([
      {
        device: 'vios1-vhost0',
        adapter: 'vhost0',
        type: 'vscsi',
        vios_id: 1,
        location: 'U8247.22L.2125D4A-V2-C3',
        read_requests: 1074,
        read_bytes: 549888,
        write_requests: 1075,
        write_bytes: 550400,
        errors: 0,
        iops: 0, // ((1074 + 1075) − (1074 + 1075)) / 30
      },
    ]);
  });

  it('guest memory from RMC, which ceilometer-powervm never reported', () => {
    // Ubuntu1410: logicalMem 20480 MB, pctRealMemAvbl 80 → 20480 × (100 − 80) / 100 = 4096 MB
    expect(lpar('Ubuntu1410').memory_usage).toBe(4096);
    // fake_npiv has RMC error 6001 (not running): nothing in use
    expect(lpar('fake_npiv').memory_usage).toBe(0);
    // kh4 is not in the lpar file at all: no reading rather than pypowervm's "0 % free"
    expect(lpar('kh4-9fdaa1ba-kyleh').memory_usage).toBeNull();
  });

  it('VIOS: cpu_util (1e10 + 1e10 − 1e10) / 1e11 × 100 = 10 and adapter data from vios_1', () => {
    const [vios] = readings.vioses;
    expect(vios!.vios_name).toBe('IOServer - SN2125D4A');
    expect(vios!.cpu_util).toBeCloseTo(10, 12);
    expect(vios!.memory_usage).toBe(1715);
    expect(vios!.network.find((n) => n.type === 'sea')?.adapter).toBe('ent6');
    expect(vios!.fc.map((f) => f.adapter)).toEqual(['fcs0', 'fcs1', 'fcs2', 'fcs3']);
    expect(vios!.storage.filter((s) => s.type === 'virtual')).toHaveLength(10);
  });

  it('system and shared pool readings', () => {
    expect(readings.system).toMatchObject({
      name: 'dev-4',
      mtms: '8247-22L*2125D4A',
      interval: 30,
      cpu_configurable_cores: 20,
      cpu_available_cores: 18.9,
      memory_installed: 65536,
      memory_available: 32512,
      memory_firmware: 4096,
    });
    // 58599310268 firmware cycles / 512e6 = 114.451777867… s
    expect(readings.system.firmware_cpu_time).toBeCloseTo(114_451_777_867.1875, 2);
    expect(readings.pools).toEqual([
      expect.objectContaining({ pool_id: 0, name: 'DefaultPool', max_cores: 20, borrowed_cores: 18 }),
    ]);
  });
});

describe('vFC WWPNs above 2^53 (phyp_pcm_data.txt)', () => {
  const text = fixtureBody('phyp_pcm_data.txt');

  it('plain JSON.parse merges the two WWPNs of a pair; our parser keeps them apart', () => {
    const plain = JSON.parse(text).systemUtil.utilSample.lparsUtil.find((l: { id: number }) => l.id === 2);
    const [a, b] = plain.storage.virtualFiberChannelAdapters[0].wwpnpair;
    expect(a).toBe(b); // the corruption this guards against

    const ours = parsePcmJson(text);
    if (ours.kind !== 'phyp') throw new Error('expected phyp');
    const storage = ours.lpars.find((l) => l['id'] === 2)!['storage'] as {
      virtualFiberChannelAdapters: { wwpnpair?: unknown[]; wwpnPair?: unknown[] }[];
    };
    expect(storage.virtualFiberChannelAdapters[0]!.wwpnpair).toEqual([
      '13857705835384867080',
      '13857705835384867081',
    ]);
    expect(storage.virtualFiberChannelAdapters[1]!.wwpnPair).toEqual([
      '13857705835384867082',
      '13857705835384867083',
    ]);
    expect(BigInt('13857705835384867080').toString(16)).toBe('c050760937f90908');
  });
});
