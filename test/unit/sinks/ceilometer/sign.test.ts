import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  pyFloatRepr,
  SampleSigner,
  signaturePairs,
  signSample,
  verifySample,
} from '../../../../src/sinks/ceilometer/sign.js';

// ceilometer.md §3c worked example, verbatim.
const WORKED = {
  source: 'openstack',
  counter_name: 'cpu',
  counter_type: 'cumulative',
  counter_unit: 'ns',
  counter_volume: 1500000000,
  user_id: 'u1',
  project_id: 'p1',
  resource_id: 'inst-1',
  timestamp: '2026-01-01T00:00:00.000000',
  resource_metadata: {
    cpu_number: 2,
    flavor: { name: 'm1.small', vcpus: 2 },
    tags: ['a', 'b'],
    ratio: 0.00001,
    ok: true,
  },
  message_id: '00000000-0000-0000-0000-000000000001',
  monotonic_time: null,
};
const WORKED_INPUT =
  'counter_name|cpu|counter_type|cumulative|counter_unit|ns|counter_volume|1500000000|message_id|00000000-0000-0000-0000-000000000001|monotonic_time|None|project_id|p1|resource_id|inst-1|resource_metadata:cpu_number|2|resource_metadata:flavor:name|m1.small|resource_metadata:flavor:vcpus|2|resource_metadata:ok|True|resource_metadata:ratio|1e-05|resource_metadata:tags|' +
  "[b'a', b'b']|source|openstack|timestamp|2026-01-01T00:00:00.000000|user_id|u1";
const WORKED_SIGNATURE = '74e67689ecb648fd37350f8b70b2bb5ae906071c4f3c1239ca2c1de6a9b08690';

describe('signSample (ceilometer.md §3c/§3d)', () => {
  it('reproduces the worked example: pairs, HMAC input and signature', () => {
    expect(signaturePairs(WORKED).flat().join('|')).toBe(WORKED_INPUT);
    expect(signSample(WORKED, 'secret')).toBe(WORKED_SIGNATURE);
    // The same digest as HMAC over the plain concatenation (what openssl dgst -hmac gives).
    const plain = createHmac('sha256', 'secret').update(WORKED_INPUT.split('|').join('')).digest('hex');
    expect(plain).toBe(WORKED_SIGNATURE);
  });

  it('ignores an existing message_signature and key order, so it also verifies', () => {
    const reordered = Object.fromEntries(Object.entries(WORKED).reverse());
    const signed = { ...reordered, message_signature: 'stale' };
    expect(signSample(signed, 'secret')).toBe(WORKED_SIGNATURE);
    expect(verifySample({ ...WORKED, message_signature: WORKED_SIGNATURE }, 'secret')).toBe(true);
    expect(verifySample({ ...WORKED, message_signature: WORKED_SIGNATURE }, 'other')).toBe(false);
    expect(verifySample(WORKED, 'secret')).toBe(false);
  });

  it('returns an empty signature when the secret is empty (signing disabled)', () => {
    expect(signSample(WORKED, '')).toBe('');
    expect(verifySample(WORKED, '')).toBe(true);
  });

  // Expected digests computed by Python 3 over json.loads(JSON.stringify(sample)) with
  // Ceilometer's recursive_keypairs/decode_unicode/compute_signature (§3c).
  it('matches Python on nested/empty dicts, mixed lists, bytes quoting and extreme floats', () => {
    const sample = {
      a: { b: {} },
      z: [1.5, -0, 1e21, 5e-324, 1.7e308, null, true, { y: 'x', b: ['é'] }],
      q: "it's",
      d: ["it's", 'say "hi"', 'both \' "', 't\tn\nr\r\\', '\x01\x7f'],
    };
    expect(signaturePairs(sample)).toEqual([
      ['d', `[b"it's", b'say "hi"', b'both \\' "', b't\\tn\\nr\\r\\\\', b'\\x01\\x7f']`],
      ['q', "it's"],
      ['z', "[1.5, 0, 1e+21, 5e-324, 1.7e+308, None, True, {b'b': [b'\\xc3\\xa9'], b'y': b'x'}]"],
    ]);
    expect(signSample(sample, 'k')).toBe('609c9bb99c560a8cf0f02a7269ca341c45eb3bba3bf5a336203fc69a3ed04bdd');
  });

  it('matches Python on unicode keys (code point order), float repr thresholds and a unicode secret', () => {
    const sample = {
      counter_volume: 0.1,
      x: 1e16,
      y: 1e15 + 0.5,
      z: 0.0001,
      w: 2 ** 53,
      u: '😀',
      '😀': 1,
      '\uffff': 2,
      neg: -1.25e-7,
      message_signature: 'ignored',
    };
    const names = signaturePairs(sample).map(([n]) => n);
    expect(names.slice(-2)).toEqual(['\uffff', '😀']); // UTF-16 order would put the emoji first
    expect(Object.fromEntries(signaturePairs(sample))).toMatchObject({
      x: '10000000000000000',
      y: '1000000000000000.5',
      z: '0.0001',
      w: '9007199254740992',
      neg: '-1.25e-07',
    });
    expect(signSample(sample, 's3crét')).toBe(
      '0f55401111413926fb87fe8785c8b4aa881a33d5dd2c863c8fa45ab5a50d228b',
    );
  });

  it('signs the JSON image: 2.0 is int 2, undefined vanishes, NaN is None, Date via toJSON', () => {
    const sample = { volume: 2.0, skipped: undefined, bad: NaN, when: new Date(Date.UTC(2026, 0, 1)) };
    expect(signaturePairs(sample)).toEqual([
      ['bad', 'None'],
      ['volume', '2'],
      ['when', '2026-01-01T00:00:00.000Z'],
    ]);
    expect(signSample(sample, 'secret')).toBe(
      '4a213e4778f228858ec3c4258d1d8c261b77a695f4518707159121644d22c3c2',
    );
  });

  it('prints floats as Python repr does', () => {
    expect(pyFloatRepr(0.00001)).toBe('1e-05');
    expect(pyFloatRepr(1.5)).toBe('1.5');
    expect(pyFloatRepr(1e21)).toBe('1e+21');
    expect(pyFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pyFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pyFloatRepr(1e16)).toBe('1e+16');
    expect(pyFloatRepr(1.5e16)).toBe('1.5e+16');
    expect(pyFloatRepr(-0)).toBe('-0.0');
    expect(pyFloatRepr(5e-324)).toBe('5e-324');
    expect(pyFloatRepr(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
  });
});

describe('SampleSigner (the fast path every converted sample takes)', () => {
  // The reference: Node's own HMAC over the generic walk of the JSON image.
  const reference = (sample: object, secret: string): string =>
    createHmac('sha256', secret).update(signaturePairs(sample).flat().join('')).digest('hex');

  it('signs from a head, the two values and a tail joined from parts as the generic walk does, for any secret length', () => {
    const numbers = [
      0,
      -0,
      7,
      -3,
      2 ** 53,
      1e21,
      1e-7,
      0.0001,
      0.5,
      1e15 + 0.5,
      1e16,
      123.456,
      NaN,
      -Infinity,
    ];
    const secrets = ['s', 'sécret', 'k'.repeat(64), 'long '.repeat(40), randomBytes(20).toString('base64')];
    for (const [i, volume] of numbers.entries()) {
      const secret = secrets[i % secrets.length]!;
      const signer = new SampleSigner(secret);
      const { counter_name, counter_type, counter_unit, message_id } = WORKED;
      const { source, user_id, project_id, resource_id, timestamp, monotonic_time } = WORKED;
      const tail = {
        source,
        user_id,
        project_id,
        resource_id,
        timestamp,
        monotonic_time,
        resource_metadata: {
          name: `lpar "${i}"`,
          cpu_number: i,
          flavor: { ram: 0.5 },
          tags: ['a'],
          extra: { nested: { deep: i }, empty: {}, message_signature: 'kept when nested' },
        },
        when: { at: new Date(Date.UTC(2026, 0, i)), bare: Object.assign(Object.create(null), { b: i }) },
        void: undefined,
        ok: i % 2 === 0,
        text: 'tab\there é 😀'.repeat(i * 50), // long enough to outgrow the signer's buffer
      };
      const head = { counter_name, counter_type, counter_unit };
      const sample = { ...head, counter_volume: volume, message_id, ...tail };
      const expected = reference(sample, secret);
      const { resource_metadata: metadata, ...keys } = tail;
      const { name, tags, ...shared } = metadata;
      const tailText = signer.tail(
        signer.keyTexts(keys),
        signer.dictText(
          'resource_metadata',
          signer.keyTexts(shared, 'resource_metadata:'),
          signer.keyTexts({ name, tags }, 'resource_metadata:'),
        ),
      );
      expect(
        signer.signParts(signer.head(head), volume, String(volume), message_id, tailText),
        `volume ${volume}`,
      ).toBe(expected);
      expect(signer.sign(sample), `volume ${volume}`).toBe(expected);
    }
  });

  it('refuses parts whose keys would not sort where the parts go', () => {
    const signer = new SampleSigner('secret');
    expect(() => signer.head({ counter_name: 'cpu', message_id: 'x' })).toThrow(
      /message_id does not sort before/,
    );
    expect(() =>
      signer.tail(signer.keyTexts({ user_id: null }), signer.keyTexts({ counter_volume: 1 })),
    ).toThrow(/counter_volume does not sort after/);
  });

  it('returns empty signatures when signing is disabled', () => {
    const signer = new SampleSigner('');
    expect(
      signer.signParts(
        signer.head({ counter_name: 'cpu' }),
        1,
        '1',
        'id',
        signer.tail(signer.keyTexts({ source: 's' })),
      ),
    ).toBe('');
  });
});
