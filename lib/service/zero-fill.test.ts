import { describe, expect, it } from 'vitest';
import type { Aggregate } from '@/lib/dashboards/measure';
import { zeroFill, zeroFillCells, type FillSpec } from './zero-fill';

const T0 = Date.parse('2026-11-25T12:00:00Z');
const MIN = 60_000;
const operand = (type: 'count' | 'sum' | 'avg' | 'max' | 'distinct' | 'quantile'): Aggregate => ({
  type,
  field: type === 'count' ? null : 'x',
  p: null,
  filter: null,
  stored: { column: null, count: null, double: false },
});
const ratio: Aggregate = { type: 'ratio', numerator: operand('count') as never, denominator: operand('count') as never };
const spec = (aggregate: Aggregate, dimensions = 0, limit = 1_000): FillSpec => ({ grain: 'PT1M', tz: 'UTC', dimensions, measures: [{ aggregate }], limit });
const interval = { start: T0, end: T0 + 4 * MIN };

describe('zero fill of empty time buckets', () => {
  it('answers 0 for every empty bucket of a count, a sum and a distinct count', () => {
    for (const type of ['count', 'sum', 'distinct'] as const) {
      const { rows } = zeroFill(spec(operand(type)), T0 + 4 * MIN, { rows: [[T0 + MIN, 5]], interval }, null);
      expect(rows, type).toEqual([[T0, 0], [T0 + MIN, 5], [T0 + 2 * MIN, 0], [T0 + 3 * MIN, 0]]);
    }
  });

  it('leaves gaps in averages, extremes, quantiles and ratios', () => {
    for (const aggregate of [operand('avg'), operand('max'), operand('quantile'), ratio]) {
      const { rows } = zeroFill(spec(aggregate), T0 + 4 * MIN, { rows: [[T0 + MIN, 5]], interval }, null);
      expect(rows).toEqual([[T0 + MIN, 5]]);
    }
  });

  it('fills no bucket from the data’s end on: those have no answer yet', () => {
    const { rows } = zeroFill(spec(operand('count')), T0 + MIN + 30_000, { rows: [[T0, 1]], interval }, null);
    // The bucket holding the data's end is filled (so far 0 events), the two after it are not.
    expect(rows).toEqual([[T0, 1], [T0 + MIN, 0]]);
  });

  it('gives every split value (and Other) every bucket, in the engines’ order, in both periods', () => {
    const cmpInterval = { start: T0 - 4 * MIN, end: T0 };
    const { rows, compareRows } = zeroFill(
      spec(operand('count'), 1),
      T0 + 2 * MIN,
      { rows: [[T0, 'us', 3], [T0, null, 1], [T0 + MIN, 'eu', 2]], interval },
      { rows: [[T0 - 3 * MIN, 'us', 4]], interval: cmpInterval },
    );
    expect(rows).toEqual([
      [T0, 'eu', 0],
      [T0, 'us', 3],
      [T0, null, 1],
      [T0 + MIN, 'eu', 2],
      [T0 + MIN, 'us', 0],
      [T0 + MIN, null, 0],
    ]);
    expect(compareRows).toHaveLength(4 * 3);
    expect(compareRows!.filter((r) => r[2] !== 0)).toEqual([[T0 - 3 * MIN, 'us', 4]]);
  });

  it('keeps an answer where nothing matched empty, and one the row limit may have cut as it is', () => {
    expect(zeroFill(spec(operand('count')), T0 + 4 * MIN, { rows: [], interval }, null).rows).toEqual([]);
    const cut: [number, string, number][] = [[T0, 'a', 1], [T0, 'b', 1]];
    expect(zeroFill(spec(operand('count'), 1, 2), T0 + 4 * MIN, { rows: cut, interval }, null).rows).toEqual(cut);
  });

  it('starts with the bucket a range off the grain begins in, as the engines bucket it', () => {
    const brushed = { start: T0 + 20_000, end: T0 + 2 * MIN + 10_000 };
    const { rows } = zeroFill(spec(operand('sum')), T0 + 10 * MIN, { rows: [[T0 + MIN, 7]], interval: brushed }, null);
    expect(rows).toEqual([[T0, 0], [T0 + MIN, 7], [T0 + 2 * MIN, 0]]);
  });
});

describe('zero fill of empty heatmap cells', () => {
  const HOUR = 3_600_000;
  // Saturday 24 October 2026, 22:00 UTC = midnight Sunday in Berlin, the night clocks fall back at 03:00.
  const sundayBerlin = Date.parse('2026-10-24T22:00:00Z');

  it('answers 0 for every hour of day × day of week the range covers before the data ends, in local time across DST', () => {
    const cells = zeroFillCells({ tz: 'Europe/Berlin', measures: [{ aggregate: operand('count') }] }, sundayBerlin + 4 * HOUR, {
      rows: [[7, 1, 5]],
      interval: { start: sundayBerlin, end: sundayBerlin + 25 * HOUR },
    });
    // 00:00, 01:00, 02:00, 02:00 again (the repeated hour is the same cell): data ends before 03:00.
    expect(cells).toEqual([[7, 0, 0], [7, 1, 5], [7, 2, 0]]);
  });

  it('leaves cells of gauges absent, and an answer where nothing matched empty', () => {
    const at = { interval: { start: sundayBerlin, end: sundayBerlin + 3 * HOUR } };
    expect(zeroFillCells({ tz: 'UTC', measures: [{ aggregate: operand('avg') }] }, sundayBerlin + 3 * HOUR, { ...at, rows: [[6, 22, 1.5]] })).toEqual([[6, 22, 1.5]]);
    expect(zeroFillCells({ tz: 'UTC', measures: [{ aggregate: operand('count') }] }, sundayBerlin + 3 * HOUR, { ...at, rows: [] })).toEqual([]);
  });
});
