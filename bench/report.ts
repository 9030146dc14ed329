/** Printing and statistics shared by the bench parts (bench/run.ts, bench/scale.ts). */

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
export const ms = (x: number) => `${x.toFixed(2)} ms`;
export const times = (x: number) => `${x.toFixed(2)}×`;
export const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

export function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
