import type { Meter, ObservableCallback } from '@opentelemetry/api';

/** A series family as both tables describe it (a METRICS row or a SELF_METRICS entry). */
export interface Family {
  name: string;
  kind: 'counter' | 'gauge';
  unit: string;
  help: string;
}

const TOTAL = /_total$/;

/**
 * The instrument name that exposes as the family's name: exporter-prometheus appends `_total` to
 * every monotonic sum, so a counter's instrument goes without it (the table spells the exposed name).
 */
export function instrumentName(family: Family): string {
  return family.kind === 'counter' ? family.name.replace(TOTAL, '') : family.name;
}

/**
 * Registers one observable instrument for a family: a counter for cumulative PowerVM counters, a
 * gauge for everything else. The help text becomes the description, the UCUM unit the unit.
 */
export function observeFamily(meter: Meter, family: Family, callback: ObservableCallback): void {
  const options = { description: family.help, unit: family.unit };
  const name = instrumentName(family);
  const instrument =
    family.kind === 'counter'
      ? meter.createObservableCounter(name, options)
      : meter.createObservableGauge(name, options);
  instrument.addCallback(callback);
}
