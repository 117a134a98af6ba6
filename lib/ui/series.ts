/**
 * API answers → what charts draw. Pure and small, in the spirit of cube.js' ResultSet:
 * pivot split rows into series, line the compare period up with the current one, pair KPI
 * values with their compared ones. Formatting, colours, rates and deltas have modules of their own.
 */
import type { QueryResponse } from '@/lib/contract/schemas';

type Answer = Pick<QueryResponse, 'columns' | 'rows'>;
type Cell = QueryResponse['rows'][number][number];

/** [bucket start (epoch ms), value] */
export type Point = [t: number, value: number | null];

/** key null is "Other": every split value outside the top N, as the API sends it. */
export type Series = { key: string | null; points: Point[]; total: number };

export type SeriesSet = { split: string | null; series: Series[] };

export function toNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  const n = Number(cell);
  return cell.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** Biggest first, so colours and the legend follow importance; "Other" always last. */
function bySeriesOrder(a: Series, b: Series): number {
  if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
  return b.total - a.total || String(a.key).localeCompare(String(b.key));
}

/**
 * A time-series answer as series: [t, value] rows make one series keyed by the measure,
 * [t, split, value] rows one series per split value.
 */
export function toSeries(answer: Answer): SeriesSet {
  const [time, second] = answer.columns;
  if (time?.type !== 'time') throw new Error('a time series answer starts with its time column');
  const split = answer.columns.length === 3 && second?.type === 'string' ? second.name : null;
  const series = new Map<string | null, Series>();
  for (const row of answer.rows) {
    const key = split ? (row[1] === null ? null : String(row[1])) : (second?.name ?? 'value');
    const value = toNumber(row[split ? 2 : 1]);
    let s = series.get(key);
    if (!s) series.set(key, (s = { key, points: [], total: 0 }));
    s.points.push([Number(row[0]), value]);
    s.total += value ?? 0;
  }
  for (const s of series.values()) s.points.sort((a, b) => a[0] - b[0]);
  return { split, series: [...series.values()].sort(bySeriesOrder) };
}

/**
 * A percentile-lines answer ([t, p50, p95, p99] rows) as one series per column, keyed by the
 * column's name, in the answer's order (lowest percentile first), so colours follow the name.
 */
export function columnSeries(answer: Answer): SeriesSet {
  if (answer.columns[0]?.type !== 'time') throw new Error('a time series answer starts with its time column');
  const series = answer.columns.slice(1).map((c, i): Series => {
    const points = answer.rows.map((row): Point => [Number(row[0]), toNumber(row[i + 1])]).sort((a, b) => a[0] - b[0]);
    return { key: c.name, points, total: points.reduce((sum, [, v]) => sum + (v ?? 0), 0) };
  });
  return { split: null, series };
}

/** How far the compare period must move to sit on the current period's time axis. */
export function compareShiftMs(answer: Pick<QueryResponse, 'compare' | 'meta'>): number | null {
  if (!answer.compare) return null;
  return Date.parse(answer.meta.interval.start) - Date.parse(answer.compare.interval.start);
}

/**
 * The compare period's series, moved onto the current time axis (the dashed "ghost" lines).
 * `before` transforms them on their own time axis first (rates use their own bucket lengths).
 */
export function alignedCompare(
  answer: QueryResponse,
  before: (series: Series[]) => Series[] = (s) => s,
  pivot: (answer: Answer) => SeriesSet = toSeries,
): Series[] | null {
  const shift = compareShiftMs(answer);
  if (shift === null || !answer.compare) return null;
  return before(pivot(answer.compare).series).map((s) => ({ ...s, points: s.points.map(([t, v]): Point => [t + shift, v]) }));
}

/**
 * Puts an explicit null in every empty bucket, so a line breaks where there was no data
 * instead of drawing a straight segment across the gap as if values had been there.
 */
export function withGaps(series: Series[], buckets: number[]): Series[] {
  return series.map((s) => {
    const values = new Map(s.points);
    const grid = new Set(buckets);
    const offGrid = s.points.filter(([t]) => !grid.has(t));
    const points = [...buckets.map((t): Point => [t, values.get(t) ?? null]), ...offGrid].sort((a, b) => a[0] - b[0]);
    return { ...s, points };
  });
}

/** Indexes of values with no neighbour on either side: a line cannot show them, a dot can. */
export function isolatedPoints(points: Point[]): Set<number> {
  const has = (i: number) => points[i] !== undefined && points[i]![1] !== null;
  return new Set(points.flatMap((_, i) => (has(i) && !has(i - 1) && !has(i + 1) ? [i] : [])));
}

/** Series side by side, one row per bucket: the accessible table under a chart. */
export function wideRows(series: Series[]): { t: number; values: (number | null)[] }[] {
  const lookups = series.map((s) => new Map(s.points));
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  return times.map((t) => ({ t, values: lookups.map((m) => m.get(t) ?? null) }));
}

export type KpiValue = { id: string; value: number | null; previous: number | null };

/** A KPI answer (one row of measures) with its compare row, measure by measure (delta.ts compares them). */
export function kpiValues(answer: Pick<QueryResponse, 'columns' | 'rows' | 'compare'>): KpiValue[] {
  const row = answer.rows[0] ?? [];
  const before = answer.compare?.rows[0];
  return answer.columns.map((c, i) => {
    const value = toNumber(row[i]);
    return { id: c.name, value, previous: before ? toNumber(before[i]) : null };
  });
}

export type Bar = { key: string | null; value: number | null; previous: number | null };

/** A top-N answer ([value, measure] rows) with each value's compare figure matched by name. */
export function toBars(answer: Pick<QueryResponse, 'rows' | 'compare'>): Bar[] {
  const keyOf = (cell: Cell | undefined) => (cell === null || cell === undefined ? null : String(cell));
  const before = new Map(answer.compare?.rows.map((r) => [keyOf(r[0]), toNumber(r[1])]) ?? []);
  return answer.rows.map((r) => ({ key: keyOf(r[0]), value: toNumber(r[1]), previous: before.get(keyOf(r[0])) ?? null }));
}
