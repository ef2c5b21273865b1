import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { powervmUuid } from '../../../../src/sinks/ceilometer/identity/directory.js';
import {
  parseStaticMapping,
  StaticDirectory,
  StaticFileDirectory,
} from '../../../../src/sinks/ceilometer/identity/static.js';

const YAML = `
lpars:
  489ffb20-5d19-4a8c-bb80-13650627d985:
    instance_id: C89FFB20-5D19-4A8C-BB80-13650627D985
    project_id: p1
    user_id: u1
    display_name: web01
    flavor: { id: 42, name: m1.small }
  db01:
    instance_id: 11111111-2222-4333-8444-555555555555
`;

describe('static identity mapping', () => {
  it('looks LPARs up by UUID in any case, then by name', () => {
    const dir = new StaticDirectory(parseStaticMapping(YAML));
    expect(dir.lookup({ uuid: '489FFB20-5D19-4A8C-BB80-13650627D985', name: 'x' })).toEqual({
      instance_id: 'c89ffb20-5d19-4a8c-bb80-13650627d985',
      project_id: 'p1',
      user_id: 'u1',
      display_name: 'web01',
      flavor: { id: '42', name: 'm1.small' },
    });
    expect(dir.lookup({ uuid: 'other', name: 'db01' })).toMatchObject({ project_id: null, user_id: null });
    expect(dir.lookup({ uuid: 'other', name: 'nope' })).toBeUndefined();
  });

  it('names the offending key', () => {
    expect(() => parseStaticMapping('lpars:\n  web: { project_id: p }', 'map.yaml')).toThrow(
      'map.yaml: lpars.web.instance_id: required',
    );
    expect(() => parseStaticMapping('lpars:\n  web: { instance_id: i, projet_id: p }')).toThrow(
      /lpars\.web\.projet_id: unknown key/,
    );
    expect(() => parseStaticMapping('lpars:\n  web: { instance_id: i, flavor: { ram: 1 } }')).toThrow(
      /lpars\.web\.flavor\.ram: unknown key/,
    );
    expect(() => parseStaticMapping('lpars:\n  web: { instance_id: 7 }')).toThrow(
      /lpars\.web\.instance_id: expected a non-empty string/,
    );
    expect(() => parseStaticMapping('nothing: here')).toThrow(/lpars: expected a mapping/);
    expect(() => parseStaticMapping('lpars: [')).toThrow(/not valid YAML/);
  });

  it('re-reads its file on refresh', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'ceilo-static-')), 'map.yaml');
    await writeFile(path, YAML);
    const dir = await StaticFileDirectory.load(path);
    expect(dir.lookup({ uuid: 'x', name: 'web02' })).toBeUndefined();
    await writeFile(path, 'lpars:\n  web02: { instance_id: abc }\n');
    await dir.refresh();
    expect(dir.lookup({ uuid: 'x', name: 'web02' })?.instance_id).toBe('abc');
  });
});

describe('powervmUuid (powervm-pcm.md §12.1)', () => {
  it('clears the top bit of the first digit and upper-cases', () => {
    expect(powervmUuid('c89ffb20-5d19-4a8c-bb80-13650627d985')).toBe('489FFB20-5D19-4A8C-BB80-13650627D985');
    expect(powervmUuid('f0000000-0000-0000-0000-000000000000')).toBe('70000000-0000-0000-0000-000000000000');
    expect(powervmUuid('30000000-aaaa-0000-0000-000000000000')).toBe('30000000-AAAA-0000-0000-000000000000');
  });
});
