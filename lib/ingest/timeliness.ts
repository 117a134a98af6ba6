/**
 * How far from the clock an event's timestamp may be for ingest to take it as it comes. Both
 * engines use the same bounds: the embedded ingest holds other events back (counted, stored,
 * never lost) and Druid's supervisors reject them (earlyMessageRejectionPeriod and
 * lateMessageRejectionPeriod of the specs druid-spec.ts generates from these).
 */
export type Timeliness = { maxFutureMs: number; maxLateMs: number };

export const DEFAULT_TIMELINESS: Timeliness = { maxFutureMs: 5 * 60_000, maxLateMs: 90 * 86_400_000 };

export type Verdict = 'take' | 'future' | 'late';

export function judge(tsMs: number, nowMs: number, t: Timeliness): Verdict {
  if (tsMs > nowMs + t.maxFutureMs) return 'future';
  if (tsMs < nowMs - t.maxLateMs) return 'late';
  return 'take';
}

/** Milliseconds as the ISO-8601 period Druid's supervisor spec takes (whole minutes or days). */
export function isoPeriod(ms: number): string {
  if (ms % 86_400_000 === 0) return `P${ms / 86_400_000}D`;
  if (ms % 60_000 === 0) return `PT${ms / 60_000}M`;
  throw new Error(`not a whole number of minutes: ${ms} ms`);
}
