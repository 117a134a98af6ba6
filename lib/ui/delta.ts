/**
 * How a value compares with the compared period, as the KPI tiles, tooltips and tables say it.
 *
 * - A measure shown in percent (a ratio such as a failure rate) changes in percentage points:
 *   15% → 25% is "+10 pp", not "+66.7%".
 * - Both values cover the same stretch of time: while the current period's last bucket is still
 *   filling, the server compares it with the same stretch of the compared period
 *   (lib/query/plan.ts), so a live total is never a part set against a whole.
 * - Everything else changes relative to the compared value.
 */
import type { Format } from '@/lib/dashboards/measure';
import { formatChange, type Locale } from './format';

export type Delta = { kind: 'relative' | 'points'; value: number };

export function delta(measure: { format: Format }, current: number | null, before: number | null): Delta | null {
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
