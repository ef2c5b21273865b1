import type { BenchTable } from '../bench-module.js';

/** Aligned plain text for the terminal; numbers (anything starting with a digit) align right. */
export function tableAsText(table: BenchTable): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0;
        return /^\d/.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  return [
    line(table.columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.rows.map(line),
  ].join('\n');
}

export function tableAsMarkdown(table: BenchTable): string {
  const numeric = table.columns.map((_, index) => table.rows.every((row) => /^\d/.test(row[index] ?? '')));
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(table.columns),
    line(numeric.map((right) => (right ? '---:' : '---'))),
    ...table.rows.map(line),
  ].join('\n');
}
