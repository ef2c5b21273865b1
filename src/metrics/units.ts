/** Conversions from the units readings carry to the base units Prometheus names promise. */
export const NS_PER_SECOND = 1e9;
/** PowerVM's "MB" are mebibytes (memory is configured in multiples of 2^20 bytes). */
export const BYTES_PER_MB = 1_048_576;

export const seconds = (ns: number | null): number | null => (ns === null ? null : ns / NS_PER_SECOND);
export const bytesFromMb = (mb: number | null): number | null => (mb === null ? null : mb * BYTES_PER_MB);
export const ratio = (percent: number | null): number | null => (percent === null ? null : percent / 100);
/** Fibre Channel running speed: Gbit/s as the VIOS reports it, in bytes per second. */
export const bytesPerSecondFromGbit = (gbit: number | null): number | null =>
  gbit === null ? null : (gbit * 1e9) / 8;

export const label = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
