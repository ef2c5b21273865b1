import { describe, expect, it } from 'vitest';
import { errorMessage, parseXml, texts, useSimulators } from './sim-client.js';

const start = useSimulators();
const UOM_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/';

describe('ManagedSystem', () => {
  it('lists every system with the properties an exporter reads, tolerating ?group=None', async () => {
    const c = await (await start({ systems: 3, seed: 5 })).logon();
    const xml = await c.text('uom/ManagedSystem?group=None');
    const entries = (parseXml(xml).feed as { entry: Array<Record<string, unknown>> }).entry;
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.id)).toEqual(c.sim.systems.map((s) => s.uuid));
    for (const s of c.sim.systems)
      expect(s.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(c.sim.systems.map((s) => s.mtms)).size).toBe(3);
    expect(texts(xml, 'SystemName')).toEqual(c.sim.systems.map((s) => s.name));
    expect(texts(xml, 'State')).toEqual(['operating', 'operating', 'operating']);
    expect(texts(xml, 'PrimaryIPAddress')).toHaveLength(3);
    expect(xml).toContain(`<ManagedSystem:ManagedSystem xmlns:ManagedSystem="${UOM_NS}" xmlns="${UOM_NS}"`);
    expect(xml).toMatch(/<etag:etag xmlns:etag="[^"]+" xmlns="[^"]+">-?\d+<\/etag:etag>/);
    expect(xml).toMatch(/<SystemName kb="CUR" kxe="false">Server-\d{4}-\w{3}-SN\w{7}<\/SystemName>/);
    const mtms = c.sim.systems.map(
      (s, i) => `${texts(xml, 'MachineType')[i]}-${texts(xml, 'Model')[i]}*${texts(xml, 'SerialNumber')[i]}`,
    );
    expect(mtms).toEqual(c.sim.systems.map((s) => s.mtms));
    for (const name of [
      'ConfigurableSystemMemory',
      'CurrentAvailableSystemMemory',
      'InstalledSystemMemory',
      'ConfigurableSystemProcessorUnits',
      'CurrentAvailableSystemProcessorUnits',
      'InstalledSystemProcessorUnits',
    ]) {
      expect(
        texts(xml, name)
          .map(Number)
          .every((n) => n > 0),
      ).toBe(true);
    }
  });

  it('serves one system as a bare entry, 404 for an unknown one', async () => {
    const c = await (await start({ systems: 2 })).logon();
    const xml = await c.text(`uom/ManagedSystem/${c.sim.systems[1]!.uuid}`);
    expect(xml).toMatch(/^<entry xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(texts(xml, 'SystemName')).toEqual([c.sim.systems[1]!.name]);
    const missing = await c.request('uom/ManagedSystem/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
  });
});

describe('LogicalPartition and VirtualIOServer', () => {
  it('lists client LPARs per system and for all systems, VIOSes separately', async () => {
    const c = await (await start({ systems: 2, lpars: 5, vios: 2 })).logon();
    const one = await c.text(`uom/ManagedSystem/${c.system.uuid}/LogicalPartition?group=None`);
    expect(texts(one, 'PartitionName')).toHaveLength(5);
    expect(texts(one, 'PartitionName')[0]).toBe('db01');
    const all = await c.text('uom/LogicalPartition');
    expect(texts(all, 'PartitionName')).toHaveLength(10);
    const uuids = texts(all, 'PartitionUUID');
    expect(uuids.every((u) => /^[0-9A-F-]{36}$/.test(u))).toBe(true);
    expect((parseXml(all).feed as { entry: Array<{ id: string }> }).entry.map((e) => e.id)).toEqual(uuids);
    expect(new Set(texts(all, 'PartitionState'))).toEqual(new Set(['running', 'not activated']));
    expect(texts(all, 'CurrentMemory').every((m) => Number(m) >= 2048)).toBe(true);
    expect(texts(all, 'CurrentProcessingUnits').every((u) => Number(u) > 0)).toBe(true);
    expect(texts(all, 'ResourceMonitoringControlState')).toContain('inactive');
    const vios = await c.text(`uom/ManagedSystem/${c.system.uuid}/VirtualIOServer`);
    expect(texts(vios, 'PartitionName')).toEqual(['vios1', 'vios2']);
    expect(texts(vios, 'PartitionType')).toEqual(['Virtual IO Server', 'Virtual IO Server']);
    expect(texts(await c.text('uom/VirtualIOServer'), 'PartitionName')).toHaveLength(4);
  });
});

describe('ClientNetworkAdapter', () => {
  it('lists each LPAR adapter with the VEA location of the phyp data and a MAC; UUID case does not matter', async () => {
    const c = await (await start({ lpars: 6 })).logon();
    const text = await c.newestPhyp();
    const phyp = JSON.parse(text) as {
      systemUtil: {
        utilSample: {
          lparsUtil: Array<{
            uuid: string;
            network?: { virtualEthernetAdapters: Array<{ physicalLocation: string; vlanId: number }> };
          }>;
        };
      };
    };
    const running = phyp.systemUtil.utilSample.lparsUtil.filter((l) => l.network);
    expect(running.length).toBeGreaterThan(3);
    const macs = new Set<string>();
    for (const lpar of running) {
      const xml = await c.text(
        `uom/LogicalPartition/${lpar.uuid.toLowerCase()}/ClientNetworkAdapter?group=None`,
      );
      const veas = lpar.network!.virtualEthernetAdapters;
      expect(texts(xml, 'LocationCode')).toEqual(veas.map((v) => v.physicalLocation));
      expect(texts(xml, 'PortVLANID').map(Number)).toEqual(veas.map((v) => v.vlanId));
      for (const mac of texts(xml, 'MACAddress')) {
        expect(mac).toMatch(/^[0-9A-F]{12}$/);
        macs.add(mac);
      }
      expect(xml).toContain(
        '<content type="application/vnd.ibm.powervm.uom+xml; type=ClientNetworkAdapter">',
      );
    }
    expect(macs.size).toBe(running.reduce((n, l) => n + l.network!.virtualEthernetAdapters.length, 0));
  });

  it('404 with an HttpErrorResponse for an unknown LPAR', async () => {
    const c = await (await start()).logon();
    const response = await c.request(
      'uom/LogicalPartition/0A68CFAB-F62B-46D4-A6A0-F4EBE0264AD5/ClientNetworkAdapter',
    );
    expect(response.status).toBe(404);
    expect(errorMessage(await response.text()).message).toContain('0A68CFAB-F62B-46D4-A6A0-F4EBE0264AD5');
  });
});
