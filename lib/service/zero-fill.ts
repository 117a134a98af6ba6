/**
 * Empty time buckets in an answer. The engines return no row for a bucket without events; for
 * counters and distinct counts that bucket holds 0, so the answer carries it as 0 and API
 * clients, CSV and charts all get the same series. Gauges and ratios (avg, min, max,
 * quantile, a ratio) have no value without samples: their empty buckets stay absent (a gap).
 *
 * A heatmap (hour of day × day of week) follows the same rules with its cells for buckets: a
 * cell the interval covers before the data's end holds 0 when nothing happened in it; a cell
 * outside (a weekday a one-day range never reaches) stays absent.
 *
 * Rules: only buckets that start before the data's end are filled (later ones have no answer
 * yet, not 0); only series that have a row in the current or the compared period (an answer
 * where nothing matched stays empty: "no data for this view"); nothing in an answer the row
 * limit may have cut.
 */
import { measureKind, zeroWhenEmpty } from '@/lib/dashboards/measure-kind';
import type { Measure } from '@/lib/dashboards/measure';
import type { Interval } from '@/lib/query/spec';
import type { Cell, Row } from '@/lib/sql/cells';
import type { Grain } from '@/lib/view/time';
import { bucketStarts, hourOfWeek } from '@/lib/view/zoned';

export type FillSpec = {
  grain: Grain;
  tz: string;
  /** Dimension columns between `t` and the measures (0 unsplit, 1 split). */
  dimensions: number;
  measures: Pick<Measure, 'aggregate'>[];
  /** The query's row limit: an answer this long may be cut, so it is left as it is. */
  limit: number;
};

type Period = { rows: Row[]; interval: Interval };

/** Split values sort as the engines order them (ascending, NULL = "Other" last). */
function compareKeys(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return String(a) < String(b) ? -1 : 1;
}

function keyOf(row: Row, dimensions: number): string {
  return JSON.stringify(row.slice(1, 1 + dimensions));
}

function fillPeriod(period: Period, keys: Row[], spec: FillSpec, dataUntil: number, empty: Cell[]): Row[] {
  if (period.rows.length >= spec.limit) return period.rows;
  const grid = bucketStarts({ start: period.interval.start, end: Math.min(period.interval.end, dataUntil) }, spec.grain, spec.tz);
  const byBucket = new Map<number, Row[]>();
  for (const row of period.rows) {
    const t = row[0] as number;
    byBucket.set(t, [...(byBucket.get(t) ?? []), row]);
  }
  // Rows off the grid (none expected) keep their place; the grid's buckets gain their missing keys.
  const times = [...new Set([...grid, ...byBucket.keys()])].sort((a, b) => a - b);
  const onGrid = new Set(grid);
  return times.flatMap((t) => {
    const present = byBucket.get(t) ?? [];
    if (!onGrid.has(t)) return present;
    const have = new Set(present.map((r) => keyOf(r, spec.dimensions)));
    const missing = keys.filter((k) => !have.has(JSON.stringify(k))).map((k): Row => [t, ...k, ...empty]);
    if (missing.length === 0) return present;
    // Merge the missing keys into the engine's order without reordering its rows.
    const out: Row[] = [];
    let m = 0;
    for (const row of present) {
      while (m < missing.length && compareKeys(missing[m]![1] ?? null, row[1] ?? null) < 0) out.push(missing[m++]!);
      out.push(row);
    }
    return [...out, ...missing.slice(m)];
  });
}

/** The answer's rows (and the compared period's) with every empty bucket of a counter as 0. */
export function zeroFill(spec: FillSpec, dataUntil: number, main: Period, compare: Period | null): { rows: Row[]; compareRows: Row[] | null } {
  const kinds = spec.measures.map((m) => measureKind(m.aggregate));
  if (!kinds.some(zeroWhenEmpty)) return { rows: main.rows, compareRows: compare?.rows ?? null };
  const empty = kinds.map((k) => (zeroWhenEmpty(k) ? 0 : null));
  const seen = new Map<string, Row>();
  for (const row of [...main.rows, ...(compare?.rows ?? [])]) seen.set(keyOf(row, spec.dimensions), row.slice(1, 1 + spec.dimensions));
  const keys = [...seen.values()].sort((a, b) => compareKeys(a[0] ?? null, b[0] ?? null));
  return {
    rows: fillPeriod(main, keys, spec, dataUntil, empty),
    compareRows: compare ? fillPeriod(compare, keys, spec, dataUntil, empty) : null,
  };
}

/** A counter's heatmap rows ([dow, hour, value], ordered by both) with every covered empty cell as 0. */
export function zeroFillCells(spec: Pick<FillSpec, 'tz' | 'measures'>, dataUntil: number, main: Period): Row[] {
  const kinds = spec.measures.map((m) => measureKind(m.aggregate));
  if (main.rows.length === 0 || !kinds.some(zeroWhenEmpty)) return main.rows;
  const cells = new Map(main.rows.map((r) => [`${r[0]}:${r[1]}`, r]));
  const hours = bucketStarts({ start: main.interval.start, end: Math.min(main.interval.end, dataUntil) }, 'PT1H', spec.tz);
  for (const t of hours) {
    const { dow, hour } = hourOfWeek(t, spec.tz);
    if (!cells.has(`${dow}:${hour}`)) cells.set(`${dow}:${hour}`, [dow, hour, ...kinds.map((k) => (zeroWhenEmpty(k) ? 0 : null))]);
  }
  return [...cells.values()].sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
}
