/** One test per row of the edge-case table (powervm-pcm.md §13), plus the cases we deliberately do better. */
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/inspector/index.js';
import { CPS, lparEntry, parsed, phyp, rmc, sample, vios } from '../../support/samples.js';

const A = '11111111-0000-4000-8000-0000000000AA';
const B = '22222222-0000-4000-8000-0000000000BB';
const busy = { entitled: 10_000, capped: 7_000, uncapped: 50, idle: 1_000, donated: 5_000 };
const before = { entitled: 5_000, capped: 4_000, uncapped: 25, idle: 500, donated: 2_500 };

const vea = (location: string, rx: number, tx: number) => ({
  vlanId: 1,
  vswitchId: 0,
  physicalLocation: location,
  isPortVLANID: true,
  receivedPackets: rx / 100,
  sentPackets: tx / 100,
  droppedPackets: 1,
  receivedBytes: rx,
  sentBytes: tx,
});
const vscsi = (viosId: number, slot: number) => ({
  physicalLocation: `U1-V2-C${slot}`,
  viosId,
  viosAdapterSlotId: slot,
});
const vhost = (name: string, viosId: number, slot: number, ops: number) => ({
  id: name,
  type: 'virtual',
  physicalLocation: `U8247.22L.2125D4A-V${viosId}-C${slot}`,
  numOfReads: ops,
  numOfWrites: ops,
  readBytes: ops * 4096,
  writeBytes: ops * 4096,
});

describe('edge cases', () => {
  it('worked example of §12.2: (3000 + 25 − 500 − 2500) / 5000 × 100 = 0.5', () => {
    const r = inspect(sample(phyp([lparEntry(A, busy)]), 60), sample(phyp([lparEntry(A, before)]), 30));
    expect(r.lpars[0]!.cpu_util).toBeCloseTo(0.5, 12);
    // cpu_time is real nanoseconds: (7000 + 50) cycles / 512e6 × 1e9
    expect(r.lpars[0]!.cpu_time).toBeCloseTo((7_050 / CPS) * 1e9, 9);
  });

  it('only one sample (first poll): cumulative readings, no utilisation or rates', () => {
    const r = inspect(
      sample(
        phyp([lparEntry(A, busy, { network: { virtualEthernetAdapters: [vea('U-C2', 1000, 10)] } })]),
        60,
      ),
    );
    expect(r.lpars[0]!.cpu_time).not.toBeNull();
    expect(r.lpars[0]!.cpu_number).toBe(4);
    expect(r.lpars[0]!.cpu_util).toBeNull();
    expect(r.lpars[0]!.vnics[0]!.rx_bytes).toBe(1000);
    expect(r.lpars[0]!.vnics[0]!.rx_bytes_rate).toBeNull();
    expect(r.system.interval).toBeNull();
  });

  it('VM created or migrated in since the last sample: no cpu_util, no rates, no iops', () => {
    const current = phyp([
      lparEntry(A, busy),
      lparEntry(B, busy, { network: { virtualEthernetAdapters: [vea('U-C2', 1, 1)] } }),
    ]);
    const r = inspect(sample(current, 60), sample(phyp([lparEntry(A, before)]), 30));
    const b = r.lpars.find((l) => l.lpar_uuid === B)!;
    expect(b.cpu_util).toBeNull();
    expect(b.cpu_time).not.toBeNull();
    expect(b.vnics[0]!.rx_bytes_rate).toBeNull();
    expect(r.lpars.find((l) => l.lpar_uuid === A)!.cpu_util).toBeCloseTo(0.5, 12);
  });

  it('previous counters all zero (fresh migration): the normal formula, as ceilometer-powervm', () => {
    const zero = { entitled: 0, capped: 0, uncapped: 0, idle: 0, donated: 0 };
    const r = inspect(sample(phyp([lparEntry(A, busy)]), 60), sample(phyp([lparEntry(A, zero)]), 30));
    expect(r.lpars[0]!.cpu_util).toBeCloseTo(((7_050 - 1_000 - 5_000) / 10_000) * 100, 12);
  });

  it('VM powered off: 0 %, no vNICs or disks, RMC 6001 means nothing in use', () => {
    const off = { entitled: 0, capped: 0, uncapped: 0 };
    const entry = lparEntry(A, off, { state: 'Not Activated' });
    const lpar = rmc([
      {
        uuid: A,
        id: '2',
        name: 'x',
        errorInfo: { errorId: '6001', message: 'not running' },
        timeStamp: null,
      },
    ]);
    const r = inspect(sample(phyp([entry]), 60, { lpar }), sample(phyp([entry]), 30));
    expect(r.lpars[0]).toMatchObject({
      cpu_util: 0,
      vnics: [],
      disks: [],
      memory_usage: 0,
      state: 'Not Activated',
    });
  });

  it('RMC inactive (6003) or no RMC entry: no memory_usage, not "100 % used"', () => {
    const lpar = rmc([
      {
        uuid: A,
        id: '2',
        name: 'x',
        errorInfo: { errorId: '6003', message: 'RMC inactive' },
        timeStamp: null,
      },
    ]);
    const r = inspect(sample(phyp([lparEntry(A, busy), lparEntry(B, busy)]), 60, { lpar }));
    expect(r.lpars.map((l) => l.memory_usage)).toEqual([null, null]);
  });

  it('guest memory falls back to pctRealMemFree when pctRealMemAvbl is absent (older RSCT)', () => {
    const lpar = rmc([
      { uuid: A, id: '2', name: 'x', memory: { pctRealMemFree: 25, realMemSizeBytes: 8589934592 } },
    ]);
    const r = inspect(sample(phyp([lparEntry(A, busy)]), 60, { lpar }));
    expect(r.lpars[0]!.memory_usage).toBe(8192 * 0.75);
  });

  it('VM deleted: no reading at all', () => {
    const r = inspect(
      sample(phyp([lparEntry(A, busy)]), 60),
      sample(phyp([lparEntry(A, before), lparEntry(B, before)]), 30),
    );
    expect(r.lpars.map((l) => l.lpar_uuid)).toEqual([A]);
  });

  it('Δentitled = 0: cpu_util 0.0', () => {
    const r = inspect(sample(phyp([lparEntry(A, busy)]), 60), sample(phyp([lparEntry(A, busy)]), 30));
    expect(r.lpars[0]!.cpu_util).toBe(0);
  });

  it('virtual I/O metrics off (compute-only LTM), or `"network": {}`: no vNICs, no disks', () => {
    const r = inspect(
      sample(phyp([lparEntry(A, busy), lparEntry(B, busy, { network: {}, storage: {} })]), 60),
    );
    expect(r.lpars.map((l) => [l.vnics, l.disks])).toEqual([
      [[], []],
      [[], []],
    ]);
  });

  it('VIOS file missing for the instant: the LPAR has no disks and the VIOS no adapter data', () => {
    const entry = lparEntry(A, busy, { storage: { genericVirtualAdapters: [vscsi(1, 1000)] } });
    const viosPartition = { ...lparEntry('VIOS-1', busy), id: 1, name: 'vios1' };
    const r = inspect(sample(phyp([entry], { vioses: [viosPartition] }), 60));
    expect(r.lpars[0]!.disks).toEqual([]);
    expect(r.vioses[0]).toMatchObject({ vios_name: 'vios1', has_io_data: false, fc: [], storage: [] });
    expect(r.vioses[0]!.cpu_time).not.toBeNull();
  });

  it('VIOS file with `"storage": {}`: the adapters it serves are dropped', () => {
    const entry = lparEntry(A, busy, { storage: { genericVirtualAdapters: [vscsi(1, 1000)] } });
    const r = inspect(sample(phyp([entry]), 60, { vios: [vios(1, {})] }));
    expect(r.lpars[0]!.disks).toEqual([]);
  });

  it('vNIC in PCM but not in the REST feed: kept, with no MAC (ceilometer-powervm skipped it)', () => {
    const entry = lparEntry(A, busy, {
      network: { virtualEthernetAdapters: [vea('U-C2', 1, 1), vea('U-C3', 1, 1)] },
    });
    const r = inspect(sample(phyp([entry]), 60, { macs: new Map([['U-C2', 'aa:bb:cc:dd:ee:ff']]) }));
    expect(r.lpars[0]!.vnics.map((v) => [v.name, v.mac])).toEqual([
      ['U-C2', 'aa:bb:cc:dd:ee:ff'],
      ['U-C3', null],
    ]);
  });

  it('vNIC added between samples: no rate yet (not its whole history as one spike); others get B/s', () => {
    const now = lparEntry(A, busy, {
      network: { virtualEthernetAdapters: [vea('U-C2', 4000, 700), vea('U-C3', 9e9, 9e9)] },
    });
    const then = lparEntry(A, before, { network: { virtualEthernetAdapters: [vea('U-C2', 1000, 100)] } });
    const r = inspect(sample(phyp([now]), 60), sample(phyp([then]), 30));
    expect(r.lpars[0]!.vnics.map((v) => [v.rx_bytes_rate, v.tx_bytes_rate])).toEqual([
      [100, 20], // (4000 − 1000) / 30, (700 − 100) / 30
      [null, null],
    ]);
  });

  it('storage adapter added between samples: no iops yet; an existing one gets ops/s', () => {
    const pointers = (...slots: number[]) => ({
      storage: { genericVirtualAdapters: slots.map((s) => vscsi(1, s)) },
    });
    const current = sample(phyp([lparEntry(A, busy, pointers(1000, 1001))]), 60, {
      vios: [
        vios(1, { genericVirtualAdapters: [vhost('vhost0', 1, 1000, 400), vhost('vhost1', 1, 1001, 50)] }),
      ],
    });
    const previous = sample(phyp([lparEntry(A, before, pointers(1000))]), 30, {
      vios: [vios(1, { genericVirtualAdapters: [vhost('vhost0', 1, 1000, 100)] })],
    });
    const r = inspect(current, previous);
    expect(r.lpars[0]!.disks.map((d) => [d.device, d.iops])).toEqual([
      ['vios1-vhost0', 20], // ((400 + 400) − (100 + 100)) / 30
      ['vios1-vhost1', null],
    ]);
  });

  it('two VIOSes both name their adapter vhost0: the disks stay two distinct devices', () => {
    const entry = lparEntry(A, busy, {
      storage: { genericVirtualAdapters: [vscsi(1, 1000), vscsi(2, 1000)] },
    });
    const r = inspect(
      sample(phyp([entry]), 60, {
        vios: [
          vios(1, { genericVirtualAdapters: [vhost('vhost0', 1, 1000, 10)] }),
          vios(2, { genericVirtualAdapters: [vhost('vhost0', 2, 1000, 20)] }),
        ],
      }),
    );
    expect(r.lpars[0]!.disks.map((d) => [d.device, d.adapter, d.read_requests])).toEqual([
      ['vios1-vhost0', 'vhost0', 10],
      ['vios2-vhost0', 'vhost0', 20],
    ]);
  });

  it('a VIOS slot location with a port suffix (…-C7-T1) still matches; slot 1 never matches 11', () => {
    const entry = lparEntry(A, busy, { storage: { genericVirtualAdapters: [vscsi(1, 7), vscsi(1, 1)] } });
    const adapters = [
      { ...vhost('vhost3', 1, 7, 5), physicalLocation: 'U8247.22L.2125D4A-V1-C7-T1' },
      vhost('vhost4', 1, 11, 6),
    ];
    const r = inspect(sample(phyp([entry]), 60, { vios: [vios(1, { genericVirtualAdapters: adapters })] }));
    expect(r.lpars[0]!.disks.map((d) => d.device)).toEqual(['vios1-vhost3']);
  });

  it('vFC: a WWPN with a leading zero hex digit matches the zero-padded VIOS string', () => {
    const text = (pair: string) =>
      JSON.stringify(
        phypRaw([
          {
            ...lparEntry(A, busy),
            storage: {
              virtualFiberChannelAdapters: [{ physicalLocation: 'U-C5', viosId: 1, wwpnpair: 'PAIR' }],
            },
          },
        ]),
      ).replace('"PAIR"', pair);
    // 0x0c050760937f9090 = 866106614711554192: pypowervm rendered it as 'c050760937f9090' and never matched
    const doc = parsed(text('[866106614711554192, 866106614711554193]'), 'phyp');
    const fc = {
      fiberChannelAdapters: [
        {
          id: 'fcs0',
          wwpn: '10000090fa1b2c3d',
          ports: [
            {
              id: 'vfc3',
              wwpn: '0C050760937F9091',
              numOfReads: 3,
              numOfWrites: 4,
              readBytes: 5,
              writeBytes: 6,
            },
          ],
        },
      ],
    };
    const r = inspect(sample(doc, 60, { vios: [vios(1, fc)] }));
    expect(r.lpars[0]!.disks).toEqual([
      expect.objectContaining({ device: 'vios1-vfc3', type: 'vfc', read_requests: 3, write_bytes: 6 }),
    ]);
  });

  it('the same partition id reused under another name: matched by UUID only', () => {
    const r = inspect(
      sample(phyp([lparEntry(A, busy, { id: 9, name: 'renamed' })]), 60),
      sample(phyp([lparEntry(A, before, { id: 9, name: 'original' })]), 30),
    );
    expect(r.lpars[0]).toMatchObject({ lpar_name: 'renamed', cpu_util: expect.closeTo(0.5, 12) as unknown });
  });

  it('a missing counter: that reading is null, the issue names LPAR and field, the rest is read', () => {
    const entry = lparEntry(A, busy, {
      network: { virtualEthernetAdapters: [{ ...vea('U-C2', 10, 10), sentBytes: undefined }] },
    });
    const r = inspect(sample(phyp([entry]), 60));
    expect(r.lpars[0]!.vnics[0]).toMatchObject({ tx_bytes: null, rx_bytes: 10 });
    expect(r.issues).toContainEqual({
      scope: 'lpar lpar-1111',
      field: 'network.virtualEthernetAdapters[U-C2].sentBytes',
      problem: 'missing',
    });
  });

  it('a sample not newer than the previous one (Δt ≤ 0): no rates and no utilisation, and an issue', () => {
    const entry = lparEntry(A, busy, { network: { virtualEthernetAdapters: [vea('U-C2', 10, 10)] } });
    const r = inspect(sample(phyp([entry]), 30), sample(phyp([lparEntry(A, before)]), 30));
    expect(r.lpars[0]!.cpu_util).toBeNull();
    expect(r.lpars[0]!.vnics[0]!.rx_bytes_rate).toBeNull();
    expect(r.issues).toContainEqual({ scope: 'system', field: 'sample time', problem: 'interval' });
  });

  it('counters going backwards (reboot, Live Partition Mobility): no negative util or rate, a reset issue', () => {
    const now = lparEntry(
      A,
      { entitled: 100, capped: 50, uncapped: 0 },
      { network: { virtualEthernetAdapters: [vea('U-C2', 10, 10)] } },
    );
    const then = lparEntry(A, busy, { network: { virtualEthernetAdapters: [vea('U-C2', 5000, 5000)] } });
    const r = inspect(sample(phyp([now]), 60), sample(phyp([then]), 30));
    expect(r.lpars[0]!.cpu_util).toBeNull();
    expect(r.lpars[0]!.vnics[0]!.rx_bytes_rate).toBeNull();
    expect(r.lpars[0]!.cpu_time).toBeCloseTo((50 / CPS) * 1e9, 9); // the cumulative value stays as given
    expect(r.issues).toContainEqual({ scope: 'lpar lpar-1111', field: 'cpu_util', problem: 'reset' });
  });

  it('uncapped LPARs can use more than their entitlement: cpu_util above 100 is not clamped', () => {
    const r = inspect(
      sample(phyp([lparEntry(A, { entitled: 2_000, capped: 2_000, uncapped: 3_000 })]), 60),
      sample(phyp([lparEntry(A, { entitled: 1_000, capped: 1_000, uncapped: 1_000 })]), 30),
    );
    expect(r.lpars[0]!.cpu_util).toBeCloseTo(300, 12); // (1000 + 2000) / 1000 × 100
  });

  it('a sample of another system is never used as the previous one', () => {
    const other = sample(phyp([lparEntry(A, before)]), 30, {
      system: { uuid: 'other', name: 'o', mtms: undefined },
    });
    expect(inspect(sample(phyp([lparEntry(A, busy)]), 60), other).lpars[0]!.cpu_util).toBeNull();
  });
});

function phypRaw(lpars: unknown[]) {
  return JSON.parse(
    JSON.stringify({
      systemUtil: {
        utilInfo: {},
        utilSample: {
          timeStamp: '2025-01-01T00:00:30+0000',
          processor: { procCyclesPerSecond: CPS },
          lparsUtil: lpars,
          viosUtil: [],
          sharedProcessorPool: [],
        },
      },
    }),
  );
}
