import { describe, expect, it } from 'vitest';
import { FIXTURE_T0 as T0, splitTimeseries } from './answers.fixtures';
import { labelOf, testTheme } from './chart-theme.fixtures';
import { alignedCompare, toSeries } from './series';
import { timeseriesOption } from './timeseries-option';

const MIN = 60_000;
type Line = { id: string; name: string; data: [number, number | null][]; lineStyle: { color: string; type?: string } };

function lines(openFrom: number | null = null): Line[] {
  const option = timeseriesOption({
    set: toSeries(splitTimeseries),
    ghosts: alignedCompare(splitTimeseries),
    ghostCaption: 'day before',
    interval: { start: T0, end: T0 + 3 * MIN },
    grain: 'PT1M',
    tz: 'Europe/Berlin',
    openFrom,
    format: 'bytes',
    locale: 'en-US',
    theme: testTheme,
    labelOf,
  });
  return option.series as Line[];
}

describe('timeseriesOption', () => {
  it('draws each split value in its own colour, Other in grey', () => {
    const current = lines().filter((s) => s.id.startsWith('cur:'));
    expect(current.map((s) => [s.name, s.lineStyle.color])).toEqual([['us', '#a00'], ['eu', '#0a0'], ['Other', '#999']]);
  });

  it('draws the compare period as dashed ghosts in the colour and name of their series', () => {
    const ghosts = lines().filter((s) => s.id.startsWith('cmp:'));
    expect(ghosts.map((s) => [s.id, s.name, s.lineStyle.color, s.lineStyle.type])).toEqual([
      ['cmp:0', 'us', '#a00', 'dashed'],
      ['cmp:1', 'eu', '#0a0', 'dashed'],
    ]);
  });

  it('plots wall-clock time of the view zone, since ECharts itself only knows UTC', () => {
    const us = lines().find((s) => s.id === 'cur:0')!;
    expect(us.data[0]).toEqual([T0 + 3_600_000, 30]);
  });

  it('draws the bucket still filling up as a dotted line joined to the closed ones', () => {
    const all = lines(T0 + 2 * MIN);
    const wall = (t: number) => t + 3_600_000;
    expect(all.find((s) => s.id === 'cur:0')!.data).toEqual([[wall(T0), 30], [wall(T0 + MIN), 28]]);
    const open = all.find((s) => s.id === 'open:0')!;
    expect(open.data).toEqual([[wall(T0 + MIN), 28], [wall(T0 + 2 * MIN), 35]]);
    expect(open.lineStyle.type).toBe('dotted');
    // eu has no value in the open bucket, so it has no dotted part.
    expect(all.some((s) => s.id === 'open:1')).toBe(false);
  });
});
