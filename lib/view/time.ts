/** Durations and time-zone facts shared by the view schema, the query planner and the UI. */

export const GRAINS = ['PT1M', 'PT5M', 'PT15M', 'PT1H', 'P1D', 'P1W'] as const;
export type Grain = (typeof GRAINS)[number];

/** A grain in words, for the API's messages and the UI's controls alike. */
export const GRAIN_WORDS: Record<Grain, string> = {
  PT1M: '1 minute',
  PT5M: '5 minutes',
  PT15M: '15 minutes',
  PT1H: '1 hour',
  P1D: '1 day',
  P1W: '1 week',
};

export const RELATIVE_RANGES = ['PT15M', 'PT1H', 'PT6H', 'PT12H', 'P1D', 'P7D', 'P30D', 'P90D'] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

export const COMPARE_SHIFTS = ['P1D', 'P1W', 'P4W', 'P1Y'] as const;
export type CompareShift = (typeof COMPARE_SHIFTS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Nominal lengths; calendar-exact arithmetic (DST days, leap years) is done with `shiftIso`. */
export const DURATION_MS: Record<Grain | RelativeRange | CompareShift, number> = {
  PT1M: MINUTE,
  PT5M: 5 * MINUTE,
  PT15M: 15 * MINUTE,
  PT1H: HOUR,
  PT6H: 6 * HOUR,
  PT12H: 12 * HOUR,
  P1D: DAY,
  P1W: 7 * DAY,
  P7D: 7 * DAY,
  P4W: 28 * DAY,
  P30D: 30 * DAY,
  P90D: 90 * DAY,
  P1Y: 365 * DAY,
};

/** Charts stay readable and cheap up to about this many buckets. */
export const MAX_POINTS = 500;

/** The finest grain that keeps a span at or under MAX_POINTS buckets. */
export function autoGrain(spanMs: number): Grain {
  return GRAINS.find((g) => spanMs / DURATION_MS[g] <= MAX_POINTS) ?? 'P1W';
}
