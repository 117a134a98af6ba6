import { describe, expect, it } from 'vitest';
import { completeValues, headlinePanel, headlineView, sparklinePath } from './headline';

describe('dashboard headline', () => {
  it('takes the first time-series panel', () => {
    const panels = [
      { id: 'k', type: 'kpi' as const },
      { id: 'a', type: 'timeseries' as const },
      { id: 'b', type: 'timeseries' as const },
    ];
    expect(headlinePanel(panels)?.id).toBe('a');
    expect(headlinePanel([{ id: 'k', type: 'kpi' as const }])).toBeUndefined();
  });

  it('asks for the last day, hourly, unsplit and in UTC so every viewer shares one answer', () => {
    const view = headlineView({ maxSpanDays: 90, finestGrain: 'PT1M' });
    expect(view).toMatchObject({ range: { last: 'P1D' }, tz: 'UTC', split: null, grain: 'PT1H' });
    expect(headlineView({ maxSpanDays: 90, finestGrain: 'P1D' }).grain).toBe('auto');
  });

  it('scales the line into the box with the lowest value at the bottom', () => {
    expect(sparklinePath([0, 5, 10], 100, 20)).toBe('M0 20L50 10L100 0');
  });

  it('breaks the line where a value is missing', () => {
    expect(sparklinePath([1, null, 3, 2], 30, 10)).toBe('M0 10M20 0L30 5');
  });

  it('draws a flat series across the middle and nothing without values', () => {
    expect(sparklinePath([4, 4], 10, 10)).toBe('M0 5L10 5');
    expect(sparklinePath([null, null], 10, 10)).toBe('');
    expect(sparklinePath([], 10, 10)).toBe('');
  });

  it('leaves out the bucket that is still filling', () => {
    const H = 3_600_000;
    const points: [number, number | null][] = [[0, 5], [H, 6], [2 * H, 1]];
    expect(completeValues(points, 2 * H + 600_000, H)).toEqual([5, 6]);
    expect(completeValues(points, 3 * H, H)).toEqual([5, 6, 1]);
  });
});
