import type { PcmSource } from '../console-types.js';
import type { MonitorPreferences } from '../pcm/monitoring.js';
import type { TextCache } from '../text-cache.js';
import type { ModelSystem } from './estate-types.js';
import { renderLpar } from './lpar-doc.js';
import { renderPhyp, type PartitionChanges } from './phyp-doc.js';
import { renderVios } from './vios-doc.js';

export interface SampleTiming {
  intervalMs: number;
  retentionMs: number;
}

/** The lpar (RMC) file comes every fourth instant: about every two minutes at the usual 30 s. */
const LPAR_EVERY = 4;

/**
 * LTM files computed from the model. Instants are multiples of the interval since the Unix epoch, so
 * they fall on :00 and :30 of the wall clock, and the window slides with the clock.
 */
export class ModelPcmSource implements PcmSource {
  constructor(
    private readonly system: ModelSystem,
    private readonly timing: SampleTiming,
    private readonly preferences: MonitorPreferences,
    private readonly cache: TextCache,
    /** Injected faults and events at an instant; such files are rendered afresh, never cached. */
    private readonly changes: (instant: number) => PartitionChanges | undefined = () => undefined,
  ) {}

  instants(now: number): number[] {
    const { intervalMs, retentionMs } = this.timing;
    const latest = Math.floor(now / intervalMs) * intervalMs;
    const out: number[] = [];
    for (let t = latest - retentionMs + intervalMs; t <= latest; t += intervalMs) {
      if (this.preferences.at(t).longTerm) out.push(t);
    }
    return out;
  }

  categories(instant: number): string[] {
    const out = ['phyp', ...this.system.vioses.map((v) => `vios_${v.partition.id}`)];
    if ((instant / this.timing.intervalMs) % LPAR_EVERY === 0) out.push('lpar');
    return out;
  }

  document(category: string, instant: number): string | undefined {
    if (!this.categories(instant).includes(category)) return undefined;
    const changes = category === 'phyp' ? this.changes(instant) : undefined;
    if (changes) return renderPhyp(this.system, instant, this.preferences.at(instant).computeOnly, changes);
    return this.cache.getOrRender(`${this.system.info.uuid}/${category}/${instant}`, () =>
      this.render(category, instant),
    );
  }

  private render(category: string, instant: number): string {
    if (category === 'phyp') {
      return renderPhyp(this.system, instant, this.preferences.at(instant).computeOnly);
    }
    if (category === 'lpar') return renderLpar(this.system, instant);
    const vios = this.system.vioses.find((v) => `vios_${v.partition.id}` === category);
    if (!vios) throw new Error(`no ${category} on ${this.system.info.name}`);
    return renderVios(this.system, vios, instant);
  }
}
