import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GRAINS } from './time';
import { addLocalDays, ceilToGrain, floorToGrain, offsetAt } from './zoned';

const at = (iso: string) => Date.parse(iso);

describe('zoned calendar arithmetic', () => {
  it('knows offsets across DST', () => {
    expect(offsetAt(at('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(at('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
    expect(offsetAt(at('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
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
