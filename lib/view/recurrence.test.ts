import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, type Recurrence } from './recurrence';
import { hourOfWeek, offsetAt } from './zoned';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const HOUR = 3_600_000;

const recurrence = fc.record({
  every: fc.constantFrom('day' as const, 'week' as const),
  weekday: fc.integer({ min: 1, max: 7 }),
  atMinute: fc.integer({ min: 0, max: 1439 }),
  tz: fc.constantFrom(...ZONES),
}).map((r): Recurrence => ({ ...r, weekday: r.every === 'week' ? r.weekday : null }));
// 2025–2027: several DST changes in every zone above that has them.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });

/** Local minutes after midnight of an instant. */
const localMinute = (ms: number, tz: string) => Math.floor((((ms + offsetAt(ms, tz)) % 86_400_000) + 86_400_000) % 86_400_000 / 60_000);

describe('nextOccurrence', () => {
  it('is the wall-clock time asked for, on a matching day, strictly later and within a period', () => {
    fc.assert(
      fc.property(recurrence, instant, (r, after) => {
        const next = nextOccurrence(r, after);
        expect(next).toBeGreaterThan(after);
        const period = r.every === 'day' ? 24 * HOUR : 7 * 24 * HOUR;
        // A DST change inside the wait moves it by the change (at most an hour here).
        expect(next - after).toBeLessThanOrEqual(period + HOUR);
        // Unless a DST change skipped that wall time, it is exactly the time asked for.
        const skipped = offsetAt(next - HOUR, r.tz) !== offsetAt(next + HOUR, r.tz);
        if (!skipped) expect(localMinute(next, r.tz)).toBe(r.atMinute);
        if (r.every === 'week' && !skipped) expect(hourOfWeek(next, r.tz).dow).toBe(r.weekday);
      }),
      { seed: 19_4, numRuns: 2_000 },
    );
  });

  it('comes once a day (or week): no occurrence is skipped or repeated', () => {
    fc.assert(
      fc.property(recurrence, instant, (r, after) => {
        const first = nextOccurrence(r, after);
        const second = nextOccurrence(r, first);
        const period = r.every === 'day' ? 24 * HOUR : 7 * 24 * HOUR;
        expect(Math.abs(second - first - period)).toBeLessThanOrEqual(HOUR);
      }),
      { seed: 19_4, numRuns: 2_000 },
    );
  });

  it('reads a daily 08:30 in Berlin across the spring change, and a weekly Monday 09:00 in Kathmandu', () => {
    const daily: Recurrence = { every: 'day', weekday: null, atMinute: 8 * 60 + 30, tz: 'Europe/Berlin' };
    // Saturday 28 March 2026, 10:00 UTC; the clocks go forward on Sunday 29 March.
    expect(new Date(nextOccurrence(daily, Date.UTC(2026, 2, 28, 10))).toISOString()).toBe('2026-03-29T06:30:00.000Z');
    // Friday 07:00 UTC is 08:00 in Berlin (CET): due the same morning.
    expect(new Date(nextOccurrence(daily, Date.UTC(2026, 2, 27, 7))).toISOString()).toBe('2026-03-27T07:30:00.000Z');
    const weekly: Recurrence = { every: 'week', weekday: 1, atMinute: 9 * 60, tz: 'Asia/Kathmandu' };
    // Friday 4 December 2026 → Monday 7 December, 09:00 at UTC+05:45.
    expect(new Date(nextOccurrence(weekly, Date.UTC(2026, 11, 4, 12))).toISOString()).toBe('2026-12-07T03:15:00.000Z');
  });
});
