import type { LparReading, Readings } from '../inspector/index.js';

/** The `inspect --format json` record: one per LPAR, Ceilometer-named fields plus where it lives. */
export type LparRecord = LparReading & { system: string; time: string };

export function lparRecords(readings: readonly Readings[]): LparRecord[] {
  return readings.flatMap((r) =>
    r.lpars.map((lpar) => ({ system: r.system.name, time: r.system.time, ...lpar })),
  );
}

const COLUMNS: [string, (r: LparRecord) => string][] = [
  ['SYSTEM', (r) => r.system],
  ['LPAR', (r) => r.lpar_name],
  ['STATE', (r) => r.state ?? '-'],
  ['MODE', (r) => r.proc_mode ?? '-'],
  ['VCPU', (r) => num(r.cpu_number, 0)],
  ['ENT', (r) => num(r.proc_units, 2)],
  ['CPU%', (r) => num(r.cpu_util, 1)],
  ['CPU_S', (r) => num(r.cpu_time === null ? null : r.cpu_time / 1e9, 1)],
  ['MEM_MB', (r) => num(r.memory_actual, 0)],
  ['USED_MB', (r) => num(r.memory_usage, 0)],
  ['NICS', (r) => String(r.vnics.length)],
  ['RX_B/S', (r) => sum(r.vnics.map((v) => v.rx_bytes_rate))],
  ['TX_B/S', (r) => sum(r.vnics.map((v) => v.tx_bytes_rate))],
  ['DISKS', (r) => String(r.disks.length)],
  ['IOPS', (r) => sum(r.disks.map((d) => d.iops))],
];

/** A fixed-width table for people; absent readings show as '-'. */
export function lparTable(records: readonly LparRecord[]): string {
  const rows = [COLUMNS.map(([title]) => title), ...records.map((r) => COLUMNS.map(([, cell]) => cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function num(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

function sum(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? '-' : known.reduce((a, b) => a + b, 0).toFixed(0);
}
