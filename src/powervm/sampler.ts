import type { PowerVmClient } from './client.js';
import { ConsoleError } from './errors.js';
import type { ManagedSystem } from './inventory.js';
import { objectAt, objectsAt, stringAt } from './json-fields.js';
import { selectSnapshots, type LtmEntry, type SnapshotFiles } from './ltm-feed.js';
import { mapLimit } from './map-limit.js';
import type { PhypDocument } from './pcm-json.js';
import type { Sample } from './sample.js';

/** Parallel ClientNetworkAdapter reads per system: enough to learn 1,000 LPARs quickly, few enough to spare the HMC. */
const MAC_LOOKUP_CONCURRENCY = 8;
/** An LPAR whose adapters could not be listed is asked again after this long, not every poll. */
const MAC_RETRY_MS = 10 * 60_000;

/**
 * Turns a system's LTM feed into Samples. Keeps one directory of adapter MACs per system, so the
 * ClientNetworkAdapter feed of an LPAR is read once, and again only when a new location appears.
 */
export class SystemSampler {
  private readonly macs = new Map<string, string>();
  private readonly lastAsked = new Map<string, number>();

  constructor(
    private readonly client: PowerVmClient,
    readonly system: ManagedSystem,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest `count` samples, newest first; fewer when the feed holds fewer. */
  async latest(count: number, feed?: LtmEntry[]): Promise<Sample[]> {
    const entries = feed ?? (await this.client.ltmFeed(this.system));
    const snapshots = selectSnapshots(entries, count);
    if (snapshots.length === 0) {
      throw new ConsoleError('no-data', 'the long-term monitor feed has no phyp sample yet', {
        console: this.client.name,
        system: this.system.name,
      });
    }
    const samples: Sample[] = [];
    for (const snapshot of snapshots) samples.push(await this.sample(snapshot));
    return samples;
  }

  async sample(files: SnapshotFiles): Promise<Sample> {
    const [phyp, vios, lpar] = await Promise.all([
      this.client.pcmDocument(this.system, files.phyp, 'phyp'),
      Promise.all(files.vios.map((entry) => this.client.pcmDocument(this.system, entry, 'vios'))),
      files.lpar ? this.client.pcmDocument(this.system, files.lpar, 'lpar') : undefined,
    ]);
    await this.learnMacs(phyp);
    return {
      system: { uuid: this.system.uuid, name: this.system.name, mtms: this.system.mtms ?? phyp.mtms },
      time: files.phyp.time,
      phyp,
      vios,
      lpar,
      macs: this.macs,
    };
  }

  private async learnMacs(phyp: PhypDocument): Promise<void> {
    const now = this.now();
    const wanted = phyp.lpars.filter((lpar) => {
      const uuid = stringAt(lpar, 'uuid');
      if (!uuid || now - (this.lastAsked.get(uuid) ?? -Infinity) < MAC_RETRY_MS) return false;
      const adapters = objectsAt(objectAt(lpar, 'network'), 'virtualEthernetAdapters');
      return adapters.some((adapter) => !this.macs.has(stringAt(adapter, 'physicalLocation') ?? ''));
    });
    await mapLimit(wanted, MAC_LOOKUP_CONCURRENCY, async (lpar) => {
      const uuid = stringAt(lpar, 'uuid')!;
      this.lastAsked.set(uuid, now);
      try {
        for (const [location, mac] of await this.client.networkAdapters(uuid, this.system.name)) {
          this.macs.set(location, mac);
        }
      } catch {
        // MACs only label vNICs; a console that will not list an LPAR's adapters costs no sample.
      }
    });
  }
}
