import { describe, expect, it } from 'vitest';
import { findPanel, findDashboard } from '@/lib/dashboards/registry';
import { ViewSchema } from '@/lib/view/schema';
import { FIXTURE_T0 as T0, bandedTimeseries, plainTimeseries } from './answers.fixtures';
import { expectedAsk, expectedByDefault, expectedRange } from './expected-range';
import { timeseriesModel } from './panel-chart';

const MIN = 60_000;

describe('the expected range as the chart draws it', () => {
  it('is in the line’s units: per second for counters, the bucket still filling divided by its whole length', () => {
    const band = timeseriesModel(bandedTimeseries, true, 'UTC').band!;
    expect(band.band).toEqual([
      [T0, 2 / 60, 4 / 60],
      [T0 + MIN, 1 / 60, 3 / 60],
      [T0 + 2 * MIN, 0, 2 / 60],
    ]);
    expect(band.unusual).toEqual([{ t: T0 + MIN, value: 5 / 60, low: 1 / 60, high: 3 / 60 }]);
    expect(timeseriesModel(bandedTimeseries, false, 'UTC').band!.unusual).toEqual([{ t: T0 + MIN, value: 5, low: 1, high: 3 }]);
  });

  it('is absent when not asked for, and empty (not enough history) when asked for without a bucket to show', () => {
    expect(timeseriesModel(plainTimeseries, true, 'UTC').band).toBeNull();
    const none = { ...bandedTimeseries, expected: { ...bandedTimeseries.expected!, rows: [], outside: [] } };
    expect(expectedRange(none, undefined, { interval: { start: T0, end: T0 + MIN }, grain: 'PT1M', tz: 'UTC', rate: false })).toEqual({ band: [], unusual: [] });
  });

  it('is asked for a time series drawn as one line only, starting as the dashboard says', () => {
    const logins = findDashboard('security-logins')!;
    const view = (v: object) => ViewSchema.parse({ range: { last: 'P1D' }, ...v });
    const failures = findPanel(logins, 'failures')!;
    const byCountry = findPanel(logins, 'failures_by_country')!;
    expect(expectedByDefault(failures)).toBe(true);
    expect(expectedByDefault(byCountry)).toBe(false);
    expect(expectedAsk(failures, view({}), true)).toBe(true);
    expect(expectedAsk(failures, view({}), false)).toBe(false);
    expect(expectedAsk(failures, view({ split: 'country' }), true)).toBeUndefined();
    expect(expectedAsk(byCountry, view({}), true)).toBeUndefined();
    expect(expectedAsk(byCountry, view({ split: null }), false)).toBe(false);
    expect(expectedAsk(findPanel(logins, 'kpis')!, view({}), true)).toBeUndefined();
  });
});
