import { describe, expect, it } from 'vitest';
import { FIXTURE_T0 as T0, kpis, plainTimeseries, splitTimeseries, topTopics } from './answers.fixtures';
import {
  alignedCompare,
  compareShiftMs,
  isolatedPoints,
  kpiValues,
  toBars,
  toNumber,
  toSeries,
  wideRows,
  withGaps,
} from './series';

const MIN = 60_000;

describe('toSeries', () => {
  it('pivots split rows into one series per value, biggest first and Other last', () => {
    const { split, series } = toSeries(splitTimeseries);
    expect(split).toBe('cluster');
    expect(series.map((s) => s.key)).toEqual(['us', 'eu', null]);
    expect(series[0]!.points).toEqual([[T0, 30], [T0 + MIN, 28], [T0 + 2 * MIN, 35]]);
    expect(series[1]!.total).toBe(22);
    expect(series[2]!.points).toEqual([[T0, 1], [T0 + 2 * MIN, 2]]);
  });

  it('keeps an unsplit answer as one series named after its measure, in time order', () => {
    const { split, series } = toSeries(plainTimeseries);
    expect(split).toBeNull();
    expect(series).toEqual([{ key: 'attempts', points: [[T0, 3], [T0 + MIN, 5]], total: 8 }]);
  });

  it('rejects an answer that is not a time series', () => {
    expect(() => toSeries(topTopics)).toThrow(/time column/);
  });
});

describe('compare alignment', () => {
  it('shifts by the distance between the two interval starts', () => {
    expect(compareShiftMs(splitTimeseries)).toBe(86_400_000);
    expect(compareShiftMs(plainTimeseries)).toBeNull();
  });

  it('moves compare points onto the current time axis, series by series', () => {
    const ghosts = alignedCompare(splitTimeseries)!;
    expect(ghosts.map((g) => g.key)).toEqual(['us', 'eu']);
    expect(ghosts[0]!.points).toEqual([[T0, 20], [T0 + MIN, 22]]);
    expect(ghosts[1]!.points).toEqual([[T0, 9]]);
  });

  it('has no ghosts without a compare period', () => {
    expect(alignedCompare(plainTimeseries)).toBeNull();
  });
});

describe('gaps', () => {

  it('fills empty buckets with null so lines break instead of bridging gaps', () => {
    const [, eu] = withGaps(toSeries(splitTimeseries).series, [T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    expect(eu!.points).toEqual([[T0, 10], [T0 + MIN, 12], [T0 + 2 * MIN, null], [T0 + 3 * MIN, null]]);
  });

  it('finds values a line cannot draw because both neighbours are missing', () => {
    expect([...isolatedPoints([[1, 5], [2, null], [3, 7], [4, 8], [5, null], [6, 2]])]).toEqual([0, 5]);
  });
});

describe('wideRows', () => {
  it('lines series up per bucket with gaps as null', () => {
    const rows = wideRows(toSeries(splitTimeseries).series);
    expect(rows).toEqual([
      { t: T0, values: [30, 10, 1] },
      { t: T0 + MIN, values: [28, 12, null] },
      { t: T0 + 2 * MIN, values: [35, null, 2] },
    ]);
  });
});

describe('KPI values', () => {
  it('pairs each measure with its compare row', () => {
    expect(kpiValues(kpis)).toEqual([
      { id: 'attempts', value: 200, previous: 160 },
      { id: 'failures', value: 30, previous: 40 },
      { id: 'failure_rate', value: 0.15, previous: 0.25 },
      { id: 'users', value: 10, previous: 0 },
    ]);
    expect(kpiValues({ ...kpis, compare: null })[0]).toEqual({ id: 'attempts', value: 200, previous: null });
  });
});
describe('toBars', () => {
  it('matches each value with its compare figure by name', () => {
    expect(toBars(topTopics)).toEqual([
      { key: 'acme.clickstream', value: 900, previous: 1000 },
      { key: 'acme.orders', value: 500, previous: 450 },
      { key: null, value: 20, previous: null },
    ]);
  });
});

describe('toNumber', () => {
  it('reads numbers and numeric strings, and nothing else', () => {
    expect(toNumber(3)).toBe(3);
    expect(toNumber('12.5')).toBe(12.5);
    expect(toNumber('')).toBeNull();
    expect(toNumber('x')).toBeNull();
    expect(toNumber(null)).toBeNull();
    expect(toNumber(true)).toBeNull();
  });
});
