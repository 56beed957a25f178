/** Small helpers shared by the benchmarks in bench/ (medians, timing, the printed table). */
import { writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

export const since = (t0: number): number => performance.now() - t0;

/** Rows of (name, value, goal, met?) printed as an aligned table. */
export function formatTable(title: string, rows: ReadonlyArray<readonly string[]>): string {
  const widths = rows.reduce<number[]>(
    (w, r) => r.map((c, i) => Math.max(w[i] ?? 0, c.length)),
    [],
  );
  return [
    title,
    ...rows.map(
      (r) =>
        '  ' +
        r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd(),
    ),
  ].join('\n');
}

/** Writes JSON formatted as `prettier --check .` (npm run lint) expects it. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  const options = { ...(await prettier.resolveConfig(file)), parser: 'json' };
  writeFileSync(file, await prettier.format(JSON.stringify(value), options));
}
