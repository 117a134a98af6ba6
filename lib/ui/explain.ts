/** How the "What changed?" dialog words an explanation (pure, so it is tested without a browser). */
import type { ExplainResponse } from '@/lib/contract/explain';
import type { Format } from '@/lib/dashboards/measure';
import { formatMeasure, type Locale } from './format';

type Contribution = ExplainResponse['top'][number];

/**
 * A contribution in the measure's unit, signed: "+1.2 MB", "−340", and for a measure shown in
 * percent, percentage points ("+0.8 pp"): a ratio's change is a difference of fractions.
 */
export function contributionText(value: number, format: Format, locale?: Locale): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  if (format === 'percent') {
    const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.abs(value) * 100);
    return `${sign}${points} pp`;
  }
  return `${sign}${formatMeasure(Math.abs(value), format, { locale, compact: true })}`;
}

/** "62% of the change"; a part against the change's direction reads as such. */
export function shareText(share: number | null, locale?: Locale): string {
  if (share === null) return '';
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(share));
  return share < 0 ? `against the change (${pct})` : `${pct} of the change`;
}

/** For a ratio: where a value's part came from. */
export function ratioParts(c: Contribution, format: Format, names: { numerator: string; denominator: string }, locale?: Locale): string | null {
  if (c.numerator === undefined || c.denominator === undefined) return null;
  return `${contributionText(c.numerator, format, locale)} from ${names.numerator}, ${contributionText(c.denominator, format, locale)} from ${names.denominator}`;
}
