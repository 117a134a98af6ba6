/**
 * Counters over time as rates per second. A per-bucket total changes with the grain (a
 * 5-minute bucket holds five 1-minute ones), a rate does not, so a counter's line keeps its
 * height when the grain changes. Each bucket is divided by the seconds it actually covers:
 * a range that starts or ends inside a bucket, the bucket still filling up (up to the data's
 * end), and days of 23 or 25 hours count only their own time.
 *
 * The rule (from the measure's kind, lib/dashboards/measure-kind.ts): counters (count, sum)
 * are drawn as rates on time series; everywhere else (KPI tiles, top-N bars, tables, CSV)
 * they are totals over the range, because there a count of things is what is asked. Distinct
 * counts, gauges and ratios are never rates.
 */
import type { MeasureKind } from '@/lib/dashboards/measure-kind';
import type { Format } from '@/lib/dashboards/measure';
import type { Grain } from '@/lib/view/time';
import { ceilToGrain } from '@/lib/view/zoned';
import { formatMeasure, type Locale } from './format';
import type { Point, Series } from './series';

/** Counters are drawn per second unless the measure asks for totals per bucket (`per: bucket`). */
export function drawsAsRate(measure: { kind: MeasureKind; per?: 'second' | 'bucket' }): boolean {
  return measure.kind === 'counter' && measure.per !== 'bucket';
}

export type Coverage = { interval: { start: number; end: number }; grain: Grain; tz: string; dataUntil: number | null };

/** Seconds of a bucket inside the interval and before the data's end. */
export function coveredSeconds(t: number, { interval, grain, tz, dataUntil }: Coverage): number {
  const end = Math.min(ceilToGrain(t + 1, grain, tz), interval.end, dataUntil ?? Infinity);
  return Math.max(0, end - Math.max(t, interval.start)) / 1000;
}

/** Each value divided by its bucket's covered seconds; a bucket with no covered time has no rate. */
export function toRates(series: Series[], coverage: Coverage): Series[] {
  return series.map((s) => ({
    ...s,
    points: s.points.map(([t, v]): Point => {
      const seconds = coveredSeconds(t, coverage);
      return [t, v === null || seconds === 0 ? null : v / seconds];
    }),
  }));
}

/** A rate with its unit: "1.2 MB/s", "0.35/s". Counts per second have decimals. */
export function formatRate(value: number | null | undefined, format: Format, opts: { locale?: Locale; compact?: boolean } = {}): string {
  const text = formatMeasure(value, format === 'count' ? 'number' : format, opts);
  return value === null || value === undefined || !Number.isFinite(value) ? text : `${text}/s`;
}
