/** Number formats for benchmark tables: enough digits to compare rows, no more. */

export function formatMs(ms: number): string {
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return ms.toFixed(digits);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  const mib = bytes / (1024 * 1024);
  return `${mib.toFixed(mib < 10 ? 1 : 0)} MiB`;
}

export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
