import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addLocalDays } from '@/lib/view/zoned';
import { bandOf, expectedBand } from './expected-band';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T00:00:00Z');

describe('the expected range', () => {
  it('is the median ± 3 scaled MADs, at least ±10 % of the median, and needs three weeks', () => {
    expect(bandOf([10, 12, 11, 50])).toEqual({ low: 11.5 - 3 * 1.4826 * 1, median: 11.5, high: 11.5 + 3 * 1.4826 * 1 });
    expect(bandOf([100, 100, 100, 100])).toEqual({ low: 90, median: 100, high: 110 });
    expect(bandOf([1, 2])).toBeNull();
  });

  it('is, for counts, never below 0 and at least as wide as a count’s own noise (3·√median)', () => {
    expect(bandOf([100, 100, 100, 100], true)).toEqual({ low: 70, median: 100, high: 130 });
    expect(bandOf([0, 0, 1, 0], true)).toEqual({ low: 0, median: 0, high: 3 });
    expect(bandOf([0, 0, 1, 0])).toEqual({ low: 0, median: 0, high: 0 });
    expect(bandOf([-4, -5, -6], true)!.low).toBe(0);
  });

  it('flags a burst of failed logins, not the weekly rotation nor the odd extra failure (the sample’s planted attack, in small)', () => {
    // Hourly failed logins over a day, and the same day of the four weeks before: a few per hour, except
    // 08:00, when passwords expire every week and dozens fail. Today 15:00 has the attack's hundreds.
    const usual = (h: number, week: number) => (h === 8 ? 38 + week : [2, 4, 3, 5][(h + week) % 4]!);
    const day = (shift: number, value: (h: number) => number) => Array.from({ length: 24 }, (_, h) => [T0 - shift + h * HOUR, value(h)]);
    const weeks = [1, 2, 3, 4].map((k) => day(k * 7 * 24 * HOUR, (h) => usual(h, k)));
    const today = day(0, (h) => (h === 15 ? 610 : h === 8 ? 44 : usual(h, 0) + (h === 11 ? 4 : 0)));
    const band = expectedBand(today, weeks, { grain: 'PT1H', tz: 'UTC', dataUntil: T0 + 24 * HOUR, counts: true });
    expect(band.rows).toHaveLength(24);
    expect(band.outside).toEqual([[T0 + 15 * HOUR, 610]]);
  });

  it('is moved by no single week, however odd (property, shrinking)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.double({ min: 0, max: 1e12, noNaN: true }), (three, odd) => {
        const band = bandOf([...three, odd])!;
        const sorted = [...three].sort((a, b) => a - b);
        expect(band.median).toBeGreaterThanOrEqual(sorted[0]!);
        expect(band.median).toBeLessThanOrEqual(sorted[2]!);
      }),
    );
  });

  it('lines buckets up with the same hour of the same weekday, across a DST change', () => {
    // Berlin leaves summer time on 2026-10-25: four weeks before a November Monday 09:00 are October Mondays 09:00 local.
    const tz = 'Europe/Berlin';
    const now = Date.parse('2026-11-16T08:00:00Z'); // 09:00 in Berlin
    const weeks = [1, 2, 3, 4].map((k) => [[addLocalDays(now, -7 * k, tz), 100 + k]]);
    expect(new Date(weeks[3]![0]![0]!).toISOString()).toBe('2026-10-19T07:00:00.000Z'); // 09:00 summer time
    const band = expectedBand([[now, 500]], weeks, { grain: 'PT1H', tz, dataUntil: now + 2 * HOUR, counts: true });
    expect(band.rows).toEqual([[now, expect.any(Number), 102.5, expect.any(Number)]]);
    expect(band.outside).toEqual([[now, 500]]);
  });

  it('lists closed buckets outside the band only, and keeps a count’s band above 0', () => {
    const week = (k: number) => [0, 1, 2].map((i) => [T0 - 7 * k * 24 * HOUR + i * HOUR, i === 2 ? 0 : 10]);
    const weeks = [1, 2, 3, 4].map(week);
    const rows = [[T0, 10], [T0 + HOUR, 40], [T0 + 2 * HOUR, 40]];
    // The third bucket is still filling (data ends inside it): not judged yet.
    const band = expectedBand(rows, weeks, { grain: 'PT1H', tz: 'UTC', dataUntil: T0 + 2.5 * HOUR, counts: true });
    expect(band.outside).toEqual([[T0 + HOUR, 40]]);
    expect(band.rows[2]).toEqual([T0 + 2 * HOUR, 0, 0, 3]);
    const negative = expectedBand([[T0, -5]], [1, 2, 3].map((k) => [[T0 - 7 * k * 24 * HOUR, k - 2]]), { grain: 'PT1H', tz: 'UTC', dataUntil: T0 + HOUR, counts: false });
    expect(negative.rows[0]![1]).toBeLessThan(0);
  });
});
