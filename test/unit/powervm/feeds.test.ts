import { describe, expect, it } from 'vitest';
import {
  formatMac,
  linkPath,
  ltmEnabledPreferenceBody,
  parseClientNetworkAdapters,
  parseHttpErrorResponse,
  parseLogonResponse,
  parseLtmFeed,
  parseManagedSystems,
  parsePcmPreferences,
  selectSnapshots,
} from '../../../src/powervm/index.js';
import { fixtureBody, loadTraffic } from '../../support/fixtures.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('LongTermMonitor feed', () => {
  const entries = parseLtmFeed(fixtureBody('ltm_feed2.txt'));

  it('reads all 130 entries of the realistic feed (65 phyp + 65 vios_1)', () => {
    expect(entries).toHaveLength(130);
    expect(entries.filter((e) => e.category === 'phyp')).toHaveLength(65);
    expect(entries.filter((e) => e.category === 'vios_1')).toHaveLength(65);
  });

  it('follows links by path only, keeping the literal * and + of the file name', () => {
    const latest = selectSnapshots(entries, 1)[0]!;
    expect(latest.phyp.path).toBe(
      '/rest/api/pcm/ManagedSystem/c5d782c7-44e4-3086-ad15-b16fb039d63b/RawMetrics/LongTermMonitor/LTM_8247-22L*2125D4A_phyp_20150527T081730+0000.json',
    );
    expect(linkPath('https://9.1.2.3:12443/rest/api/x/')).toBe('/rest/api/x');
  });

  it('picks the newest and second newest phyp from an unsorted feed, each with the vios file of its instant', () => {
    const [current, previous] = selectSnapshots(entries, 2);
    expect(iso(current!.phyp.time)).toBe('2015-05-27T08:17:30.000Z');
    expect(current!.vios.map((v) => [v.category, iso(v.time)])).toEqual([
      ['vios_1', '2015-05-27T08:17:30.000Z'],
    ]);
    expect(iso(previous!.phyp.time)).toBe('2015-05-27T08:17:00.000Z');
    expect(previous!.vios).toHaveLength(1);
    expect(current!.lpar).toBeUndefined();
  });

  it('attaches the RMC lpar file and honours zone offsets (-04:00)', () => {
    const [snapshot] = selectSnapshots(parseLtmFeed(fixtureBody('ltm_feed_lpars.txt')), 2);
    expect(iso(snapshot!.phyp.time)).toBe('2016-03-28T06:26:00.000Z');
    expect(snapshot!.lpar?.category).toBe('lpar');
    expect(snapshot!.vios.map((v) => v.category)).toEqual(['vios_2']);
  });

  it('a duplicated phyp instant counts once', () => {
    const twice = [...entries, ...entries.filter((e) => e.category === 'phyp')];
    const [current, previous] = selectSnapshots(twice, 2);
    expect(current!.phyp.time - previous!.phyp.time).toBe(30_000);
  });
});

describe('inventory', () => {
  it('reads the three systems of an HMC ManagedSystem feed', () => {
    const systems = parseManagedSystems(fixtureBody('managedsystem.txt'));
    expect(systems.map((s) => [s.name, s.uuid, s.mtms])).toEqual([
      ['HV4', 'caae9209-25e5-35cd-a71a-ed55c03f294d', '8203-E4A*ACE0001'],
      [
        'Server-8246-L1C-SN0604CAA',
        'e955e11a-6ee0-3e04-987c-6fa319f8cb8c',
        expect.stringMatching(/^8246-L1C\*/),
      ],
      [
        'Server-8246-L1C-SN0604C6A',
        'a168a3ec-bb3e-3ead-86c1-7d98b9d50239',
        expect.stringMatching(/^8246-L1C\*/),
      ],
    ]);
    expect(systems[0]!.memoryMb).toEqual({ configurable: 5242880, available: 5242752, installed: 5767168 });
    expect(systems[1]!.processorUnits).toEqual({ configurable: 8, available: 7.6, installed: 8 });
  });

  it('reads the NovaLink system', () => {
    const [system] = parseManagedSystems(fixtureBody('sys_with_sriov.txt'));
    expect(system).toMatchObject({
      uuid: '95329c84-9a01-330f-809e-2e5577110d1e',
      mtms: '8408-E8E*10678CV',
      state: 'operating',
    });
    expect(loadTraffic('sys_with_sriov.txt').headers['x-mc-type']).toBe('PVM');
  });

  it('maps client adapter locations to MACs in Ceilometer form', () => {
    expect(parseClientNetworkAdapters(fixtureBody('cna_feed.txt'))).toEqual(
      new Map([
        ['U8247.22L.2125D0A-V2-C3', '2a:e4:4c:67:3d:fa'],
        ['U8247.22L.2125D0A-V2-C6', '92:b2:2c:0f:30:bd'],
      ]),
    );
    expect(parseClientNetworkAdapters(fixtureBody('fake_cna.txt'))).toEqual(
      new Map([['U8246.L2C.0604C7A-V24-C32', 'fa:d4:43:3e:d1:20']]),
    );
    expect(formatMac('AABBCCDDEEFF')).toBe('aa:bb:cc:dd:ee:ff');
  });
});

describe('PCM preferences', () => {
  const feed = fixtureBody('pcm_pref.txt');

  it('reports every monitor switch', () => {
    expect(parsePcmPreferences(feed)).toEqual({
      longTermMonitorEnabled: false,
      aggregationEnabled: false,
      shortTermMonitorEnabled: false,
      computeLtmEnabled: false,
    });
  });

  it('builds the POST body pypowervm sends: the element alone, namespaces kept, LTM on, compute-only off', () => {
    const body = ltmEnabledPreferenceBody(
      feed.replace(
        'ComputeLTMEnabled ksv="V1_1_0" kb="UOD" kxe="false">false',
        'ComputeLTMEnabled ksv="V1_1_0" kb="UOD" kxe="false">true',
      ),
    );
    expect(
      body.startsWith(
        '<ManagedSystemPcmPreference:ManagedSystemPcmPreference xmlns:ManagedSystemPcmPreference=',
      ),
    ).toBe(true);
    expect(body.endsWith('</ManagedSystemPcmPreference:ManagedSystemPcmPreference>')).toBe(true);
    expect(body).toContain('<LongTermMonitorEnabled kb="UOD" kxe="false">true</LongTermMonitorEnabled>');
    expect(body).toContain('<ComputeLTMEnabled ksv="V1_1_0" kb="UOD" kxe="false">false</ComputeLTMEnabled>');
    // Short-term monitoring and aggregation are left as found
    expect(body).toContain('<ShortTermMonitorEnabled kb="UOD" kxe="false">false</ShortTermMonitorEnabled>');
    expect(body).not.toContain('<feed');
    expect(
      parsePcmPreferences(
        `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><content>${body}</content></entry></feed>`,
      ).longTermMonitorEnabled,
    ).toBe(true);
  });
});

describe('logon and errors', () => {
  it('reads the token of a password logon, and the token file path of a NovaLink file logon', () => {
    expect(parseLogonResponse(fixtureBody('logon.xml'))).toEqual({
      token: expect.stringMatching(/^PUIoR6x0kP6f/),
    });
    expect(parseLogonResponse(fixtureBody('logon_file.xml'))).toEqual({
      tokenFile: 'pypowervm/tests/data/token_file',
    });
  });

  it('reads HttpErrorResponse bodies', () => {
    expect(parseHttpErrorResponse(loadTraffic('fake_httperror.txt').body)).toMatchObject({
      status: 500,
      reasonCode: 'Unknown internal error.',
      message: expect.stringContaining('is busy processing some other request') as unknown,
    });
    expect(parseHttpErrorResponse(loadTraffic('fake_httperror_service_unavail.txt').body)?.status).toBe(503);
    expect(parseHttpErrorResponse('<html>not an error</html>')).toBeUndefined();
  });
});
