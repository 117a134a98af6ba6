/**
 * The expected range of a time series from the same buckets of earlier weeks (pure):
 * per bucket, the median of the weeks' values ± 3 scaled median absolute deviations (a robust
 * spread: one unusual week moves neither), at least ±10 % of the median so four equal weeks do
 * not make a band of zero width. Counts (and sums of things) are never below 0, and their band is
 * at least as wide as a count's own noise (Poisson: 3·√median, √1 for a median under 1), so sparse
 * counts — a few failed logins per five minutes — are not unusual whenever one more arrives.
 * A bucket with fewer than three earlier values has no band.
 * Points of closed buckets outside the band are listed: the open bucket is still filling.
 */
import type { Row } from '@/lib/sql/cells';
import type { Grain } from '@/lib/view/time';
import { addLocalDays, ceilToGrain } from '@/lib/view/zoned';

/** 1.4826 × MAD estimates the standard deviation of normal data; 3 of those is the band's half-width. */
const K = 3 * 1.4826;
const MIN_RELATIVE_SPREAD = 0.1;
const MIN_WEEKS = 3;

export type ExpectedBand = { rows: [t: number, low: number, median: number, high: number][]; outside: [t: number, value: number][] };

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ascending = (a: number, b: number) => a - b;

/** The band of these values (low, median, high), or null with too few. `counts`: values are counts of things. */
export function bandOf(values: readonly number[], counts = false): { low: number; median: number; high: number } | null {
  if (values.length < MIN_WEEKS) return null;
  const m = median([...values].sort(ascending));
  const mad = median(values.map((v) => Math.abs(v - m)).sort(ascending));
  const noise = counts ? 3 * Math.sqrt(Math.max(m, 1)) : 0;
  const half = Math.max(K * mad, MIN_RELATIVE_SPREAD * Math.abs(m), noise);
  return { low: counts ? Math.max(0, m - half) : m - half, median: m, high: m + half };
}

/**
 * `rows`: the series now ([t, value], zero-filled as answered); `weeks[k]`: the same series k+1
 * weeks back. `counts`: the measure counts or sums things (bandOf).
 */
export function expectedBand(
  rows: readonly Row[],
  weeks: readonly (readonly Row[])[],
  opts: { grain: Grain; tz: string; dataUntil: number; counts: boolean },
): ExpectedBand {
  const byTime = weeks.map((w) => new Map(w.map((r) => [Number(r[0]), r[1]])));
  const out: ExpectedBand = { rows: [], outside: [] };
  for (const row of rows) {
    const t = Number(row[0]);
    const values = byTime.flatMap((week, k) => {
      const v = week.get(addLocalDays(t, -7 * (k + 1), opts.tz));
      return typeof v === 'number' ? [v] : [];
    });
    const band = bandOf(values, opts.counts);
    if (!band) continue;
    out.rows.push([t, band.low, band.median, band.high]);
    const v = row[1];
    const closed = ceilToGrain(t + 1, opts.grain, opts.tz) <= opts.dataUntil;
    if (closed && typeof v === 'number' && (v < band.low || v > band.high)) out.outside.push([t, v]);
  }
  return out;
}
