/** Hostile input: the parsers fail only with FormatError, and the inspector never throws. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../../src/inspector/index.js';
import {
  FormatError,
  parseClientNetworkAdapters,
  parseLtmFeed,
  parseManagedSystems,
  parsePcmJson,
  type PcmDocument,
} from '../../../src/powervm/index.js';
import { fixtureBody } from '../../support/fixtures.js';
import { sample } from '../../support/samples.js';

const onlyFormatErrors = (parse: (text: string) => unknown) => (text: string) => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
  }
};

/** Cuts, splices and byte flips of a real body: the malformations a flaky console or proxy produces. */
const mangled = (body: string) =>
  fc.oneof(
    fc.nat(body.length).map((n) => body.slice(0, n)),
    fc
      .tuple(fc.nat(body.length), fc.string({ maxLength: 12 }))
      .map(([n, s]) => body.slice(0, n) + s + body.slice(n)),
    fc
      .tuple(fc.nat(body.length - 1), fc.integer({ min: 0, max: 255 }))
      .map(([n, c]) => body.slice(0, n) + String.fromCharCode(c) + body.slice(n + 1)),
  );

describe('fuzzing the parsers', () => {
  it('PCM JSON: any string', () => {
    fc.assert(fc.property(fc.string(), onlyFormatErrors(parsePcmJson)), { numRuns: 500 });
  });

  it('PCM JSON: any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => onlyFormatErrors(parsePcmJson)(JSON.stringify(value))),
      {
        numRuns: 500,
      },
    );
  });

  it('PCM JSON: mangled captures', () => {
    for (const name of ['phyp_pcm_data.txt', 'vios_pcm_data.txt', 'lpar_pcm_data.txt']) {
      fc.assert(fc.property(mangled(fixtureBody(name)), onlyFormatErrors(parsePcmJson)), { numRuns: 200 });
    }
  });

  it('Atom feeds: mangled LTM, ManagedSystem and ClientNetworkAdapter feeds', () => {
    fc.assert(fc.property(mangled(fixtureBody('ltm_feed.txt')), onlyFormatErrors(parseLtmFeed)), {
      numRuns: 200,
    });
    fc.assert(
      fc.property(mangled(fixtureBody('cna_feed.txt')), onlyFormatErrors(parseClientNetworkAdapters)),
      {
        numRuns: 100,
      },
    );
    fc.assert(
      fc.property(mangled(fixtureBody('sys_with_sriov.txt')), onlyFormatErrors(parseManagedSystems)),
      {
        numRuns: 30,
      },
    );
  });

  it('Atom feeds: any string', () => {
    fc.assert(fc.property(fc.string(), onlyFormatErrors(parseLtmFeed)), { numRuns: 300 });
  });
});

describe('fuzzing the inspector', () => {
  // Field values of every JSON type where counters, ids and names are expected.
  const anything = fc.oneof(fc.jsonValue(), fc.constant(undefined));
  const partition = fc.record(
    {
      id: anything,
      uuid: fc.oneof(fc.constantFrom('A', 'B', 'C'), anything),
      name: anything,
      memory: fc.oneof(fc.record({ logicalMem: anything, backedPhysicalMem: anything }), anything),
      processor: fc.oneof(
        fc.record({
          entitledProcCycles: anything,
          utilizedCappedProcCycles: anything,
          utilizedUnCappedProcCycles: anything,
          idleProcCycles: anything,
          donatedProcCycles: anything,
          maxVirtualProcessors: anything,
        }),
        anything,
      ),
      network: fc.oneof(
        fc.record({ virtualEthernetAdapters: fc.array(fc.dictionary(fc.string(), fc.jsonValue())) }),
        anything,
      ),
      storage: fc.oneof(
        fc.record({
          genericVirtualAdapters: fc.array(fc.record({ viosId: anything, viosAdapterSlotId: anything })),
          virtualFiberChannelAdapters: fc.array(fc.record({ viosId: anything, wwpnpair: anything })),
        }),
        anything,
      ),
    },
    { requiredKeys: [] },
  );
  const phyp = fc.record({
    lpars: fc.array(partition, { maxLength: 4 }),
    vioses: fc.array(partition, { maxLength: 2 }),
  });

  it('never throws on arbitrary partition entries and reports every LPAR with a UUID', () => {
    const viosDoc = parsePcmJson(fixtureBody('vios_pcm_data.txt'));
    fc.assert(
      fc.property(phyp, phyp, (now, then) => {
        const doc = (p: typeof now): PcmDocument => ({
          kind: 'phyp',
          name: 's',
          mtms: undefined,
          time: 0,
          sample: { processor: { procCyclesPerSecond: 512e6 } },
          lpars: p.lpars as never,
          vioses: p.vioses as never,
          pools: [],
        });
        const vios = viosDoc.kind === 'vios' ? [viosDoc] : [];
        const readings = inspect(
          sample(doc(now) as never, 60, { vios }),
          sample(doc(then) as never, 30, { vios }),
        );
        const uuids = new Set(now.lpars.map((l) => l.uuid).filter((u) => typeof u === 'string' && u !== ''));
        expect(readings.lpars.map((l) => l.lpar_uuid).sort()).toEqual([...uuids].sort());
        for (const lpar of readings.lpars) {
          for (const value of [lpar.cpu_time, lpar.cpu_util, lpar.memory_usage]) {
            expect(value === null || Number.isFinite(value)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
