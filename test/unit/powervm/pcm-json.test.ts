import { describe, expect, it } from 'vitest';
import { FormatError, parsePcmJson } from '../../../src/powervm/index.js';
import { fixtureBody } from '../../support/fixtures.js';

const failure = (text: string): FormatError => {
  try {
    parsePcmJson(text);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
};

describe('parsePcmJson', () => {
  it('tells the three kinds apart by content', () => {
    expect(parsePcmJson(fixtureBody('phyp_pcm_data.txt'))).toMatchObject({
      kind: 'phyp',
      name: 'dev-4',
      mtms: '8247-22L*2125D4A',
    });
    expect(parsePcmJson(fixtureBody('vios_pcm_data.txt'))).toMatchObject({ kind: 'vios', id: 1 });
    expect(parsePcmJson(fixtureBody('vios_pcm_data_sparse.txt'))).toMatchObject({ kind: 'vios', id: 1 });
    const lpar = parsePcmJson(fixtureBody('lpar_pcm_data.txt'));
    expect(lpar.kind).toBe('lpar');
    expect(new Date(lpar.time!).toISOString()).toBe('2016-03-28T07:10:00.000Z');
  });

  it('keeps the last value of a duplicated key, as Python does (phyp_pcm_data2.txt, LPAR 3)', () => {
    const doc = parsePcmJson(fixtureBody('phyp_pcm_data2.txt'));
    if (doc.kind !== 'phyp') throw new Error('expected phyp');
    const placeholder = doc.lpars.find((l) => l['id'] === 3)!;
    expect((placeholder['processor'] as Record<string, unknown>)['entitledProcCycles']).toBe(2000000);
  });

  it('names what is wrong and where', () => {
    expect(failure('{"systemUtil": {"utilSample": {"lparsUtil": [').message).toMatch(/^malformed JSON/);
    expect(failure('[1, 2]').message).toBe('expected a JSON object at the top level');
    expect(failure('{"foo": 1}').message).toMatch(/expected `systemUtil`/);
    expect(failure('{"systemUtil": {}}').message).toBe('missing object (at systemUtil.utilSample)');
    expect(failure('{"systemUtil": {"utilSample": {"processor": {}}}}').message).toBe(
      'missing array (at systemUtil.utilSample.lparsUtil)',
    );
    expect(failure('{"systemUtil": {"utilSample": {"viosUtil": [{"id": "x"}]}}}').message).toBe(
      'VIOS id is not an integer (at systemUtil.utilSample.viosUtil[0].id)',
    );
  });

  it('a truncated capture is a format error, never a crash or a partial document', () => {
    const text = fixtureBody('phyp_pcm_data.txt');
    for (const cut of [1, 100, text.length / 2, text.length - 2]) {
      expect(failure(text.slice(0, Math.floor(cut))).message).toMatch(/^malformed JSON/);
    }
  });

  it('keeps WWPNs exact when the text scan and the parse do not line up', () => {
    const phypText = (adapters: string, name = 'lpar') =>
      `{"systemUtil": {"utilSample": {"processor": {}, "lparsUtil": [{"name": "${name}", ` +
      `"storage": {"virtualFiberChannelAdapters": [${adapters}]}}]}}}`;
    const pairs = (text: string) => {
      const doc = parsePcmJson(text);
      if (doc.kind !== 'phyp') throw new Error('expected phyp');
      const storage = doc.lpars[0]!['storage'] as { virtualFiberChannelAdapters: unknown[] };
      return storage.virtualFiberChannelAdapters;
    };
    const big = '13857705835384867080, 13857705835384867081';
    const other = '13857705835384867082, 13857705835384867083';
    // Both spellings in one adapter, in document order.
    expect(pairs(phypText(`{"wwpnPair": [${other}], "wwpnpair": [${big}]}`))).toEqual([
      {
        wwpnPair: ['13857705835384867082', '13857705835384867083'],
        wwpnpair: ['13857705835384867080', '13857705835384867081'],
      },
    ]);
    // A duplicated key: JSON keeps the last pair, the scan sees two and the text is parsed again.
    expect(pairs(phypText(`{"wwpnpair": [${other}], "wwpnpair": [${big}]}`))).toEqual([
      { wwpnpair: ['13857705835384867080', '13857705835384867081'] },
    ]);
    // Pair-like text inside a string (its quotes escaped) is not taken for a pair.
    expect(pairs(phypText(`{"wwpnpair": [${big}]}`, '\\"wwpnpair\\": [1, 2]'))).toEqual([
      { wwpnpair: ['13857705835384867080', '13857705835384867081'] },
    ]);
  });
});
