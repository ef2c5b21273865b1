/** Grafana's common unit ids, formatted the way its panels show them (enough for PowerVM dashboards). */

const BYTES = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL = ['', 'K', 'M', 'G', 'T', 'P'];

function scaled(value: number, base: number, suffixes: readonly string[], after = ''): string {
  let i = 0;
  let v = Math.abs(value);
  while (v >= base && i < suffixes.length - 1) {
    v /= base;
    i++;
  }
  return `${trim(Math.sign(value) * v)} ${suffixes[i]}${after}`.trim();
}

/** Three significant digits at most, no trailing zeros. */
function trim(value: number): string {
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

function duration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 1e-3) return `${trim(seconds * 1e6)} µs`;
  if (abs < 1) return `${trim(seconds * 1e3)} ms`;
  if (abs < 60) return `${trim(seconds)} s`;
  if (abs < 3600) return `${trim(seconds / 60)} min`;
  if (abs < 86400) return `${trim(seconds / 3600)} hour`;
  return `${trim(seconds / 86400)} day`;
}

export function formatValue(value: number, unit: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  switch (unit) {
    case 'percentunit':
      return `${trim(value * 100)}%`;
    case 'percent':
      return `${trim(value)}%`;
    case 'bytes':
    case 'decbytes':
      return scaled(value, 1024, BYTES);
    case 'Bps':
    case 'binBps':
      return scaled(value, 1024, BYTES, '/s');
    case 'bps':
      return scaled(value, 1000, DECIMAL, 'b/s');
    case 's':
      return duration(value);
    case 'ms':
      return duration(value / 1000);
    case 'pps':
      return `${scaled(value, 1000, DECIMAL)} p/s`;
    case 'iops':
    case 'ops':
      return `${scaled(value, 1000, DECIMAL)} io/s`;
    default:
      return scaled(value, 1000, DECIMAL);
  }
}
