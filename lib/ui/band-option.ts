/**
 * The expected range drawn behind a line (ECharts series, pure): a muted area from low to high
 * (two stacked lines, the first invisible, the second filled: ECharts fills between them), and
 * the unusual points as triangles in the alert colour, so a shape, not colour alone, marks them.
 *
 * The band counts in the y-axis scale (a stacked series does): its high is the median of the
 * same hours of the weeks before plus a robust spread, the same size as the line itself, and a
 * band cut off at the top would hide the very thing it shows, a line fallen far below normal.
 */
import type { LineSeriesOption } from 'echarts/charts';
import type { ChartTheme } from './chart-options';
import type { ExpectedRange } from './expected-range';
import { toWall } from './local-time';

export const BAND_LABEL = 'Expected range';
export const UNUSUAL_LABEL = 'Unusual';
/** ECharts' built-in symbol the unusual points are drawn with, and their legend icon. */
const UNUSUAL_SYMBOL = 'triangle';

export function bandSeries(range: ExpectedRange, opts: { tz: string; theme: ChartTheme; step: 'end' | false }): LineSeriesOption[] {
  const { tz, theme, step } = opts;
  const hidden = { opacity: 0 };
  const bound = {
    type: 'line' as const,
    name: BAND_LABEL,
    stack: 'expected',
    // Lows below zero (a temperature) stack with the span above them like any other.
    stackStrategy: 'all' as const,
    step,
    showSymbol: false,
    silent: true,
    z: 0,
    lineStyle: hidden,
    itemStyle: { color: theme.muted },
    emphasis: { disabled: true },
  };
  const series: LineSeriesOption[] = [
    { ...bound, id: 'band:low', data: range.band.map(([t, low]) => [toWall(t, tz), low]) },
    {
      ...bound,
      id: 'band:span',
      data: range.band.map(([t, low, high]) => [toWall(t, tz), low === null || high === null ? null : high - low]),
      areaStyle: { color: theme.muted, opacity: 0.2 },
    },
  ];
  if (range.unusual.length === 0) return series;
  return [
    ...series,
    {
      type: 'line',
      id: 'unusual',
      name: UNUSUAL_LABEL,
      data: range.unusual.map((u) => [toWall(u.t, tz), u.value]),
      symbol: UNUSUAL_SYMBOL,
      symbolSize: 11,
      showSymbol: true,
      showAllSymbol: true,
      lineStyle: hidden,
      itemStyle: { color: theme.alert, borderColor: theme.tooltipBg, borderWidth: 1 },
      emphasis: { disabled: true },
      z: 5,
    },
  ];
}

/** Legend entries: the band as a block of its colour, the unusual points as their triangle. */
export function bandLegend(range: ExpectedRange): { name: string; icon?: string }[] {
  return [{ name: BAND_LABEL, icon: 'rect' }, ...(range.unusual.length ? [{ name: UNUSUAL_LABEL, icon: UNUSUAL_SYMBOL }] : [])];
}
