/**
 * Compares answers of two engines for the same plan: rows are ordered canonically (engines
 * may order NULL "Other" rows differently), strings must match exactly, numbers exactly for
 * counts and sums, within float rounding for ratios of sums, and within the stated sketch
 * tolerance for measures marked approximate.
 */
import type { Dashboard } from '@/lib/dashboards/schema';
import type { Row } from '@/lib/sql/cells';
import type { Column } from '@/lib/query/plan';

/** Doubles summed in a different order differ in the last bits; this is rounding, not approximation. */
export const FLOAT_TOLERANCE = 1e-9;
/** HLL (lgK 12): 1.6% standard error, exact below a few hundred distinct values; quantiles sketch (k 128): 1.7% rank error. */
export const SKETCH_TOLERANCE = 0.02;

export type Mismatch = { row: number; column: string; left: unknown; right: unknown };

export function compareAnswers(dashboard: Dashboard, columns: Column[], left: Row[], right: Row[]): Mismatch[] {
  const a = canonical(columns, left);
  const b = canonical(columns, right);
  if (a.length !== b.length) return [{ row: -1, column: '(row count)', left: a.length, right: b.length }];
  const mismatches: Mismatch[] = [];
  a.forEach((row, r) =>
    columns.forEach((col, c) => {
      const approximate = dashboard.measures.find((m) => m.id === col.name)?.approximate ?? false;
      if (!cellsAgree(row[c], b[r]![c], approximate)) mismatches.push({ row: r, column: col.name, left: row[c], right: b[r]![c] });
    }),
  );
  return mismatches;
}

/**
 * Two answers of one engine, in order (the order is part of the answer): null when they agree
 * under the same rules as above, else where they first differ.
 */
export function rowsAgree(dashboard: Dashboard, columns: Column[], left: Row[], right: Row[]): string | null {
  if (left.length !== right.length) return `${left.length} rows vs ${right.length}`;
  for (let r = 0; r < left.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      const approximate = dashboard.measures.find((m) => m.id === columns[c]!.name)?.approximate ?? false;
      if (!cellsAgree(left[r]![c], right[r]![c], approximate)) return `row ${r} ${columns[c]!.name}: ${JSON.stringify(left[r])} vs ${JSON.stringify(right[r])}`;
    }
  }
  return null;
}

function cellsAgree(x: unknown, y: unknown, approximate: boolean): boolean {
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isInteger(x) && Number.isInteger(y) && !approximate) return x === y;
    const tolerance = approximate ? SKETCH_TOLERANCE : FLOAT_TOLERANCE;
    return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y), 1e-12);
  }
  return x === y;
}

/** Sorted by the time and dimension cells, which identify a row on both engines. */
function canonical(columns: Column[], rows: Row[]): Row[] {
  const keyed = columns.flatMap((c, i) => (c.type === 'number' ? [] : [i]));
  const key = (r: Row) => JSON.stringify(keyed.map((i) => r[i]));
  return rows.map((r) => [key(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
