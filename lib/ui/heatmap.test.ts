import { describe, expect, it } from 'vitest';
import { heatGrid, hourLabel, weekdayName } from './heatmap';

describe('heatmap grid', () => {
  const answer = { rows: [[1, 0, 10], [1, 1, 0], [7, 23, 40]] };

  it('lays the answer out Monday first by hour, shaded against the busiest cell', () => {
    const grid = heatGrid(answer, 'en-GB');
    expect(grid.max).toBe(40);
    expect(grid.rows.map((r) => r.day)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(grid.rows[0]!.cells.slice(0, 2)).toEqual([{ hour: 0, value: 10, shade: 0.25 }, { hour: 1, value: 0, shade: 0 }]);
    expect(grid.rows[6]!.cells[23]).toEqual({ hour: 23, value: 40, shade: 1 });
  });

  it('keeps cells outside the range without a value, unlike covered empty ones (0)', () => {
    const grid = heatGrid(answer, 'en-GB');
    expect(grid.rows[2]!.cells[5]).toEqual({ hour: 5, value: null, shade: null });
    expect(heatGrid({ rows: [[3, 4, 0]] }).rows[2]!.cells[4]).toEqual({ hour: 4, value: 0, shade: 0 });
  });

  it('names days in the reader’s language and hours on a 24-hour clock', () => {
    expect(weekdayName(1, 'de-DE', 'long')).toBe('Montag');
    expect(hourLabel(7)).toBe('07:00');
  });
});
