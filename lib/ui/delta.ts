/**
 * How a value compares with the compared period, as the KPI tiles, tooltips and tables say it.
 *
 * - A measure shown in percent (a ratio such as a failure rate) changes in percentage points:
 *   15% → 25% is "+10 pp", not "+66.7%".
 * - A counter (count, sum) compares like for like: while the current period's last bucket is
 *   still filling, the current total covers less time than the compared period, so the
 *   compared total is taken pro rata for the time the current one covers (rates compared,
 *   in effect). Without this every live total looks like a drop.
 * - Everything else changes relative to the compared value.
 */
import type { MeasureKind } from '@/lib/dashboards/measure-kind';
import type { Format } from '@/lib/dashboards/measure';
import { formatChange, type Locale } from './format';

export type Delta = { kind: 'relative' | 'points'; value: number };

/** How long each period's figure covers, in ms: current up to the data's end, compared in full. */
export type Periods = { currentMs: number; compareMs: number };

export function periodsOf(
  interval: { start: number; end: number },
  compare: { start: number; end: number },
  dataUntil: number | null,
): Periods {
  const end = Math.min(interval.end, dataUntil ?? Infinity);
  return { currentMs: Math.max(0, end - interval.start), compareMs: compare.end - compare.start };
}

/** The compared value on the current period's footing (pro rata for counters). */
export function comparable(kind: MeasureKind, previous: number | null, periods: Periods | null): number | null {
  if (previous === null || kind !== 'counter' || !periods || periods.compareMs <= 0) return previous;
  return (previous * periods.currentMs) / periods.compareMs;
}

export function delta(
  measure: { kind: MeasureKind; format: Format },
  current: number | null,
  previous: number | null,
  periods: Periods | null = null,
): Delta | null {
  const before = comparable(measure.kind, previous, periods);
  if (current === null || before === null) return null;
  if (measure.format === 'percent') return { kind: 'points', value: current - before };
  if (before === 0) return null;
  return { kind: 'relative', value: (current - before) / Math.abs(before) };
}

/** "+12.3%", "−4%", "+10 pp" (points of a percentage, so a 0.1 difference of fractions is 10 pp). */
export function formatDelta(d: Delta, locale?: Locale): string {
  if (d.kind === 'relative') return formatChange(d.value, locale);
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(d.value * 100);
  return `${points} pp`;
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Changes that round to 0.0% (or 0.0 pp) are no news. */
const NOISE = 0.0005;

/** No change worth an arrow or a colour. */
export function isNoise(change: Delta | null): boolean {
  return change === null || Math.abs(change.value) < NOISE;
}

export function changeTone(change: Delta | null, higherIsBetter: boolean | undefined): Tone {
  if (change === null || isNoise(change) || higherIsBetter === undefined) return 'neutral';
  return change.value > 0 === higherIsBetter ? 'good' : 'bad';
}
