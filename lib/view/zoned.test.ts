import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAINS } from './time';
import { addLocalDays, bucketStarts, ceilToGrain, floorToGrain, offsetAt } from './zoned';

const at = (iso: string) => Date.parse(iso);

describe('zoned calendar arithmetic', () => {
  it('knows offsets across DST', () => {
    expect(offsetAt(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
  });

  it('answers a remembered offset as it read it, per zone, also after the memory is full', () => {
    const summer = at('2026-07-15T12:00:00Z');
    expect(offsetAt(summer, 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(summer, 'America/New_York')).toBe(-14_400_000);
    expect(offsetAt(summer, 'Europe/Berlin')).toBe(7_200_000);
    // More distinct instants than it keeps per zone (every hour for three years), over six DST changes.
    const start = at('2024-01-01T00:00:00Z');
    for (let h = 0; h < 3 * 8760; h++) offsetAt(start + h * 3_600_000, 'Europe/Berlin');
    expect(offsetAt(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(summer, 'America/New_York')).toBe(-14_400_000);
  });

  it('floors days to local midnight', () => {
    expect(new Date(floorToGrain(at('2026-03-29T12:00:00Z'), 'P1D', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(floorToGrain(at('2026-03-30T12:00:00Z'), 'P1D', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('floors hours to local hours in half-hour zones', () => {
    expect(new Date(floorToGrain(at('2026-06-01T10:10:00Z'), 'PT1H', 'Asia/Kolkata')).toISOString()).toBe('2026-06-01T09:30:00.000Z');
  });

  it('floors weeks to local Monday midnight', () => {
    // 2026-11-25 is a Wednesday.
    expect(new Date(floorToGrain(at('2026-11-25T10:00:00Z'), 'P1W', 'America/New_York')).toISOString()).toBe('2026-11-23T05:00:00.000Z');
  });

  it('ceil is the next boundary, or the instant itself on a boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        fc.constantFrom(...GRAINS),
        fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata'),
        (ms, grain, tz) => {
          const floor = floorToGrain(ms, grain, tz);
          const ceil = ceilToGrain(ms, grain, tz);
          expect(floor).toBeLessThanOrEqual(ms);
          expect(ceil).toBeGreaterThanOrEqual(ms);
          expect(floorToGrain(floor, grain, tz)).toBe(floor);
          expect(floorToGrain(ceil, grain, tz)).toBe(ceil);
          if (floor === ms) expect(ceil).toBe(ms);
          else expect(floorToGrain(ceil - 1, grain, tz)).toBe(floor);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('floors within the hour that repeats when clocks fall back (found by the property above)', () => {
    // 02:00 in Berlin happens twice on 2023-10-29: 00:00Z (summer time) and 01:00Z (winter time).
    expect(floorToGrain(at('2023-10-29T00:00:00Z'), 'PT5M', 'Europe/Berlin')).toBe(at('2023-10-29T00:00:00Z'));
    expect(ceilToGrain(at('2023-10-28T23:55:00.001Z'), 'PT5M', 'Europe/Berlin')).toBe(at('2023-10-29T00:00:00Z'));
    expect(floorToGrain(at('2023-10-29T01:07:00Z'), 'PT5M', 'Europe/Berlin')).toBe(at('2023-10-29T01:05:00Z'));
    expect(floorToGrain(at('2023-10-29T00:59:00Z'), 'PT1H', 'Europe/Berlin')).toBe(at('2023-10-29T00:00:00Z'));
  });

  it('shifts by local days, keeping the wall clock over DST', () => {
    const sunday = at('2026-03-29T10:00:00Z'); // 12:00 in Berlin, first day of summer time
    expect(sunday - addLocalDays(sunday, -1, 'Europe/Berlin')).toBe(23 * 3_600_000);
    expect(sunday - addLocalDays(sunday, -1, 'UTC')).toBe(24 * 3_600_000);
  });
});

describe('bucketStarts', () => {
  const T0 = at('2026-11-25T14:00:00Z');
  const MIN = 60_000;
  it('lists the buckets of an interval, aligned to the grain in the view zone', () => {
    expect(bucketStarts({ start: T0 + 30_000, end: T0 + 3 * MIN }, 'PT1M', 'UTC')).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    // The day of the autumn DST change in Berlin has 25 hours.
    const days = bucketStarts({ start: at('2026-10-24T22:00:00Z'), end: at('2026-10-27T23:00:00Z') }, 'P1D', 'Europe/Berlin');
    expect(days.map((d) => new Date(d).toISOString())).toEqual(['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z']);
  });

  it('are exactly the buckets the instants of the interval fall in, across DST and half-hour changes', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    // Around Lord Howe's and Berlin's changes of 2026, where a fixed step would drift.
    const around = [at('2026-04-04T15:00:00Z'), at('2026-10-03T15:30:00Z'), at('2026-03-29T01:00:00Z'), at('2026-10-25T01:00:00Z')];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom(...GRAINS.filter((g) => g !== 'P1W')), fc.constantFrom(...around), fc.integer({ min: -2 * 86_400, max: 86_400 }), (tz, grain, center, offsetS) => {
        const start = center + offsetS * 1000;
        const end = start + 2 * 86_400_000;
        const grid = bucketStarts({ start, end }, grain, tz);
        // Every minute of the interval and its last instant (grains are whole minutes).
        const seen = new Set([floorToGrain(end - 1, grain, tz)]);
        for (let t = start; t < end; t += 60_000) seen.add(floorToGrain(t, grain, tz));
        expect(grid).toEqual([...seen].sort((a, b) => a - b));
      }),
      { numRuns: 12, seed: 17 },
    );
  });
});
