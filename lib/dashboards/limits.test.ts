import { describe, expect, it } from 'vitest';
import { ViewSchema } from '@/lib/view/schema';
import { autoGrainWithin, describeLimits, grainAllowed, limitProblem, spanTooLong } from './limits';

const limits = { maxSpanDays: 30, finestGrain: 'PT15M' as const };
const view = (v: Parameters<typeof ViewSchema.parse>[0]) => ViewSchema.parse(v);

describe('dashboard limits', () => {
  it('allows presets up to the longest span and refuses longer ones', () => {
    expect(spanTooLong(limits, { last: 'P30D' }, 'UTC')).toBe(false);
    expect(spanTooLong(limits, { last: 'P90D' }, 'UTC')).toBe(true);
  });

  it('counts an absolute range in local days of the view’s zone', () => {
    // 30 local days in Berlin across the spring change are 30 days less an hour.
    const range = { start: '2026-03-10T00:00:00+01:00', end: '2026-04-09T00:00:00+02:00' };
    expect(spanTooLong(limits, range, 'Europe/Berlin')).toBe(false);
    expect(spanTooLong(limits, { ...range, start: '2026-03-09T23:00:00+01:00' }, 'Europe/Berlin')).toBe(true);
  });

  it('allows the finest grain and coarser ones, and auto', () => {
    expect(grainAllowed(limits, 'PT5M')).toBe(false);
    expect(grainAllowed(limits, 'PT15M')).toBe(true);
    expect(grainAllowed(limits, 'P1D')).toBe(true);
    expect(grainAllowed(limits, 'auto')).toBe(true);
  });

  it('never lets auto go finer than the finest grain', () => {
    expect(autoGrainWithin(limits, 3_600_000)).toBe('PT15M');
    expect(autoGrainWithin({ finestGrain: 'PT1M' }, 3_600_000)).toBe('PT1M');
    expect(autoGrainWithin(limits, 7 * 86_400_000)).toBe('PT1H');
  });

  it('names the first broken limit with the path the API reports', () => {
    expect(limitProblem(limits, view({ range: { last: 'P90D' } }))).toEqual({ message: 'this dashboard shows at most 30 days at once', path: 'view.range' });
    expect(limitProblem(limits, view({ range: { last: 'P1D' }, grain: 'PT5M' }))).toEqual({
      message: "this dashboard's finest grain is 15 minutes",
      path: 'view.grain',
    });
    expect(limitProblem(limits, view({ range: { last: 'P1D' }, grain: 'PT1H' }))).toBeNull();
  });

  it('says the limits in words', () => {
    expect(describeLimits(limits)).toBe('Up to 30 days at once, in steps of 15 minutes or more.');
    expect(describeLimits({ maxSpanDays: 1, finestGrain: 'PT1M' })).toBe('Up to 1 day at once, in steps of 1 minute or more.');
  });
});
