/**
 * The expected range of a time series: the same buckets of the same hours of the week over the
 * previous weeks. Pure; the band itself is computed from their answers (lib/service/expected-band.ts).
 */
import { addLocalDays } from '@/lib/view/zoned';
import type { QuerySpec } from './spec';

/** Weeks looked back: four, so one odd week cannot move the median. */
export const EXPECTED_WEEKS = 4;

/**
 * One spec per week back: the series' own query over its interval moved back whole local weeks,
 * so every bucket lines up with the same wall-clock hour of the same weekday (across DST too).
 */
export function expectedSpecs(main: QuerySpec): QuerySpec[] {
  return Array.from({ length: EXPECTED_WEEKS }, (_, i) => {
    const days = -7 * (i + 1);
    return { ...main, interval: { start: addLocalDays(main.interval.start, days, main.tz), end: addLocalDays(main.interval.end, days, main.tz) } };
  });
}
