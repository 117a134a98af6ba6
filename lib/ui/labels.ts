/** The words the filter bar uses for time ranges, grains and compare periods. */
import type { PublicDashboard, PublicMeasure } from '@/lib/dashboards/public';
import type { Compare, Filter } from '@/lib/view/schema';
import { GRAIN_WORDS, type Grain, type RelativeRange } from '@/lib/view/time';

export const RANGE_LABELS: Record<RelativeRange, string> = {
  PT15M: 'Last 15 minutes',
  PT1H: 'Last hour',
  PT6H: 'Last 6 hours',
  PT12H: 'Last 12 hours',
  P1D: 'Last 24 hours',
  P7D: 'Last 7 days',
  P30D: 'Last 30 days',
  P90D: 'Last 90 days',
};

export const GRAIN_LABELS: Record<Grain | 'auto', string> = { auto: 'Auto', ...GRAIN_WORDS };

export const COMPARE_LABELS: Record<Compare, string> = {
  none: 'No comparison',
  previous: 'Previous period',
  P1D: 'Day before',
  P1W: 'Week before',
  P4W: '4 weeks before',
  P1Y: 'Year before',
};

/** "vs day before", under a KPI. */
export function compareCaption(compare: Compare): string {
  return compare === 'none' ? '' : `vs ${COMPARE_LABELS[compare].toLowerCase()}`;
}

export const OTHER_LABEL = 'Other';

export const OP_LABELS: Record<Filter['op'], string> = { in: 'is', not_in: 'is not', contains: 'contains' };

/** A dimension value on screen; rows without one say so rather than show a blank. */
export function valueLabel(value: string | null): string {
  return value === null || value === '' ? '(empty)' : value;
}

export function measureOf(dashboard: PublicDashboard, id: string): PublicMeasure {
  const m = dashboard.measures.find((x) => x.id === id);
  if (!m) throw new Error(`${dashboard.id} has no measure ${id}`);
  return m;
}
