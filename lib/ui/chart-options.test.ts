import { describe, expect, it } from 'vitest';
import { splitTimeseries, topTopics } from './answers.fixtures';
import { escapeHtml, timeseriesOption, topnOption, type ChartTheme } from './chart-options';
import { alignedCompare, toBars, toSeries } from './series';

const theme: ChartTheme = {
  text: '#111',
  muted: '#666',
  grid: '#ddd',
  tooltipBg: '#fff',
  tooltipText: '#111',
  tooltipBorder: '#ccc',
  brush: 'rgba(0,0,0,.1)',
  other: '#999',
  palette: ['#a00', '#0a0', '#00a'],
};
const labelOf = (key: string | null) => key ?? 'Other';
const T0 = Date.parse(splitTimeseries.meta.interval.start);

function lineSeries() {
  const option = timeseriesOption({
    set: toSeries(splitTimeseries),
    ghosts: alignedCompare(splitTimeseries),
    ghostCaption: 'day before',
    interval: { start: T0, end: T0 + 180_000 },
    grain: 'PT1M',
    tz: 'Europe/Berlin',
    format: 'bytes',
    locale: 'en-US',
    theme,
    labelOf,
  });
  return option.series as { id: string; name: string; data: [number, number][]; lineStyle: { color: string; type?: string } }[];
}

describe('timeseriesOption', () => {
  it('draws each split value in its own colour, Other in grey', () => {
    const current = lineSeries().filter((s) => s.id.startsWith('cur:'));
    expect(current.map((s) => [s.name, s.lineStyle.color])).toEqual([['us', '#a00'], ['eu', '#0a0'], ['Other', '#999']]);
  });

  it('draws the compare period as dashed ghosts in the colour and name of their series', () => {
    const ghosts = lineSeries().filter((s) => s.id.startsWith('cmp:'));
    expect(ghosts.map((s) => [s.id, s.name, s.lineStyle.color, s.lineStyle.type])).toEqual([
      ['cmp:0', 'us', '#a00', 'dashed'],
      ['cmp:1', 'eu', '#0a0', 'dashed'],
    ]);
  });

  it('plots wall-clock time of the view zone, since ECharts itself only knows UTC', () => {
    const us = lineSeries().find((s) => s.id === 'cur:0')!;
    expect(us.data[0]).toEqual([T0 + 3_600_000, 30]);
  });
});

describe('topnOption', () => {
  it('lists categories biggest first with a compare outline behind the bars', () => {
    const option = topnOption({ bars: toBars(topTopics), ghostCaption: 'Day before', format: 'bytes', locale: 'en-US', theme, labelOf });
    expect((option.yAxis as { data: string[] }).data).toEqual(['acme.clickstream', 'acme.orders', 'Other']);
    const series = option.series as { id: string; data: (number | null)[] }[];
    expect(series.map((s) => [s.id, s.data])).toEqual([
      ['cmp', [1000, 450, null]],
      ['cur', [900, 500, 20]],
    ]);
  });
});

describe('escapeHtml', () => {
  it('neutralizes markup in customer values shown in tooltips', () => {
    expect(escapeHtml(`<img src=x onerror="a">&'`)).toBe('&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;');
  });
});
