/**
 * Compares answers of two engines for the same plan: rows are ordered canonically (engines
 * may order NULL "Other" rows differently), strings must match exactly, numbers exactly for
 * counts and sums, within float rounding for ratios of sums, and within the stated sketch
 * tolerance for measures marked approximate. A quantile, given the exact values behind it,
 * is judged by rank, as its sketch's guarantee is stated.
 */
import type { Measure } from '@/lib/dashboards/measure';
import type { Row } from '@/lib/sql/cells';
import type { Column } from '@/lib/query/plan';

/** Doubles summed in a different order differ in the last bits; this is rounding, not approximation. */
export const FLOAT_TOLERANCE = 1e-9;
/** HLL (lgK 12): 1.6% standard error, exact below a few hundred distinct values. */
export const SKETCH_TOLERANCE = 0.02;
/**
 * A quantiles sketch bounds the RANK of its answer, not its value: DataSketches' classic
 * quantiles sketch with k = 128 (Druid's default, our specs') has a normalized rank error of
 * 1.725% at about 99% confidence (QuantilesDoublesSketch javadoc, "Table Guide ... Approximate
 * Error"), so its p95 lies between the exact values at ranks 0.93275 and 0.96725. The margin
 * covers merging many rolled-up sketches at query time.
 */
export const QUANTILE_RANK_ERROR = 0.01725 + 0.005;

/**
 * The measures an answer's columns name: a dashboard's, or a query's own (a percentile panel's
 * p50, p95 and p99 are its quantile measure at other p).
 */
export type Measures = { measures: readonly Measure[] };

/**
 * The measures compared as exact, for two answers of one engine (DuckDB's distinct counts and
 * quantiles are not sketches): integers equal, doubles within FLOAT_TOLERANCE (sums added in
 * another order), no sketch tolerance.
 */
export function exactly(measures: readonly Measure[]): Measures {
  return { measures: measures.map((m) => ({ ...m, approximate: false })) };
}

/** Per quantile measure (by id), each group's exact values in ascending order, keyed by `rowKey`. */
export type ExactValues = ReadonlyMap<string, ReadonlyMap<string, number[]>>;

export type Mismatch = { row: number; column: string; left: unknown; right: unknown };

/**
 * `left` is the exact engine's answer. With `exact`, a quantile of `right` must have a rank
 * within QUANTILE_RANK_ERROR of p in its group's exact values; and groups a top-N ordered by
 * it picked differently are accepted when their values are indistinguishable at that rank error.
 */
export function compareAnswers(dashboard: Measures, columns: Column[], left: Row[], right: Row[], exact?: ExactValues): Mismatch[] {
  const a = canonical(columns, left);
  const b = canonical(columns, right);
  if (a.length !== b.length) return [{ row: -1, column: '(row count)', left: a.length, right: b.length }];
  const quantiles = exact ? quantileColumns(dashboard, columns, exact) : [];
  const key = (r: Row) => rowKey(columns, r);
  const mismatches: Mismatch[] = [];
  const compareRow = (x: Row, y: Row, r: number) =>
    columns.forEach((col, c) => {
      const q = quantiles.find((qc) => qc.index === c);
      const agree = q ? rankAgrees(q.values.get(key(y)) ?? [], q.p, y[c]) : cellsAgree(x[c], y[c], isApproximate(dashboard, col.name));
      if (!agree) mismatches.push({ row: r, column: col.name, left: x[c], right: y[c] });
    });
  const onlyLeft = a.filter((x) => !b.some((y) => key(y) === key(x)));
  const onlyRight = b.filter((y) => !a.some((x) => key(x) === key(y)));
  if (onlyLeft.length === 0 || quantiles.length === 0) {
    a.forEach((row, r) => compareRow(row, b[r]!, r));
    return mismatches;
  }
  b.forEach((y, r) => {
    const x = a.find((row) => key(row) === key(y));
    if (x) compareRow(x, y, r);
  });
  // Swapped groups: each one right picked answers within rank error, and could have ranked as any one left picked.
  for (const y of onlyRight) {
    const r = b.indexOf(y);
    const swappable = quantiles.some((q) => {
      const mine = q.values.get(key(y)) ?? [];
      return rankAgrees(mine, q.p, y[q.index]) && onlyLeft.every((x) => bandsOverlap(mine, q.values.get(key(x)) ?? [], q.p));
    });
    if (!swappable) mismatches.push({ row: r, column: '(group)', left: onlyLeft.map(key), right: key(y) });
  }
  return mismatches;
}

/** Whether `v` has a normalized rank within QUANTILE_RANK_ERROR of p among `sorted` (ascending). */
export function rankAgrees(sorted: number[], p: number, v: unknown): boolean {
  if (sorted.length === 0 || typeof v !== 'number') return sorted.length === 0 && v === null;
  const tol = FLOAT_TOLERANCE * Math.max(Math.abs(v), 1);
  const below = sorted.filter((x) => x < v - tol).length / sorted.length;
  const atOrBelow = sorted.filter((x) => x <= v + tol).length / sorted.length;
  return atOrBelow >= p - QUANTILE_RANK_ERROR && below <= p + QUANTILE_RANK_ERROR;
}

/** The exact values at ranks p ∓ QUANTILE_RANK_ERROR: any answer between them is within the sketch's guarantee. */
function band(sorted: number[], p: number): [number, number] {
  const at = (rank: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(rank * sorted.length) - 1))]!;
  return [at(p - QUANTILE_RANK_ERROR), at(p + QUANTILE_RANK_ERROR)];
}

function bandsOverlap(x: number[], y: number[], p: number): boolean {
  if (x.length === 0 || y.length === 0) return false;
  const [[xLo, xHi], [yLo, yHi]] = [band(x, p), band(y, p)];
  return xLo <= yHi && yLo <= xHi;
}

function quantileColumns(dashboard: Measures, columns: Column[], exact: ExactValues) {
  return columns.flatMap((col, index) => {
    const a = dashboard.measures.find((m) => m.id === col.name)?.aggregate;
    const values = exact.get(col.name);
    return a?.type === 'quantile' && values ? [{ index, p: a.p!, values }] : [];
  });
}

const isApproximate = (dashboard: Measures, column: string) => dashboard.measures.find((m) => m.id === column)?.approximate ?? false;

/**
 * Two answers of one engine, in order (the order is part of the answer): null when they agree
 * under the same rules as above, else where they first differ. With `exact` (the exact values
 * of `right`'s data), a quantile cell of `left` is judged by rank among its group's values, not
 * against `right`'s: two sketched answers of the same data differ by more than any value
 * tolerance the sketch guarantees. Times and dimensions must still match row by row.
 */
export function rowsAgree(dashboard: Measures, columns: Column[], left: Row[], right: Row[], exact?: ExactValues): string | null {
  if (left.length !== right.length) return `${left.length} rows vs ${right.length}`;
  const quantiles = exact ? quantileColumns(dashboard, columns, exact) : [];
  for (let r = 0; r < left.length; r++) {
    const [x, y] = [left[r]!, right[r]!];
    for (let c = 0; c < columns.length; c++) {
      const q = quantiles.find((qc) => qc.index === c);
      const values = q && (q.values.get(rowKey(columns, x)) ?? []);
      const agree = q && values ? rankAgrees(values, q.p, x[c]) : cellsAgree(x[c], y[c], isApproximate(dashboard, columns[c]!.name));
      const why = values ? ` (p${q!.p} of ${values.length} exact values, by rank)` : '';
      if (!agree) return `row ${r} ${columns[c]!.name}${why}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
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

/** The time and dimension cells, which identify a row on both engines. */
export function rowKey(columns: Column[], row: Row): string {
  return JSON.stringify(columns.flatMap((c, i) => (c.type === 'number' ? [] : [row[i]])));
}

function canonical(columns: Column[], rows: Row[]): Row[] {
  return rows.map((r) => [rowKey(columns, r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
