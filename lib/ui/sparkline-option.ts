import type { LineSeriesOption } from 'echarts/charts';
import type { MeasureKind } from '@/lib/dashboards/measure-kind';
import type { Grain } from '@/lib/view/time';
import { escapeHtml, tipNote, tooltipBase, valueFormatter, type ChartOption, type ChartTheme } from './chart-options';
import { formatBucket, type Locale } from './format';
import type { Format } from '@/lib/dashboards/measure';
import { toWall } from './local-time';
import type { Point } from './series';
import { splitOpen } from './timeseries-option';

export type SparklineInput = {
  points: Point[];
  interval: { start: number; end: number };
  grain: Grain;
  tz: string;
  openFrom: number | null;
  /** Drawn as a flat dashed line, in the same unit as the points. */
  target: number | null;
  format: Format;
  kind: MeasureKind;
  rate: boolean;
  locale: Locale;
  theme: ChartTheme;
};

/**
 * The small line under a KPI: no axes, the bucket still filling drawn lighter and dashed (as on
 * time series), and the target as a dashed line across the whole range, so above or below it
 * reads at a glance. The target is part of the data, so the scale always includes it.
 */
export function sparklineOption(input: SparklineInput): ChartOption {
  const { theme, tz } = input;
  const color = theme.palette[0]!;
  const wall = (points: Point[]) => points.map(([t, v]) => [toWall(t, tz), v]);
  const { closed, open } = splitOpen(input.points, input.openFrom);
  const [start, end] = [toWall(input.interval.start, tz), toWall(input.interval.end, tz)];
  const fmt = (v: number | null) => valueFormatter(input, input.rate)(v, false);
  const series: LineSeriesOption[] = [
    { type: 'line', id: 'cur', data: wall(closed), showSymbol: false, lineStyle: { width: 1.5, color }, itemStyle: { color }, areaStyle: { color, opacity: 0.12 } },
  ];
  if (open.length) series.push({ type: 'line', id: 'open', data: wall(open), showSymbol: false, lineStyle: { width: 1.5, color, type: 'dashed', opacity: 0.5 }, itemStyle: { color } });
  if (input.target !== null) {
    series.push({ type: 'line', id: 'target', data: [[start, input.target], [end, input.target]], showSymbol: false, silent: true, lineStyle: { width: 1, color: theme.muted, type: [4, 3] }, itemStyle: { color: theme.muted } });
  }
  const openWall = input.openFrom === null ? Infinity : toWall(input.openFrom, tz);
  function tooltip(params: unknown): string {
    const items = (Array.isArray(params) ? params : [params]) as { seriesId?: string; value?: [number, number | null] }[];
    const point = items.find((p) => p.seriesId === 'cur' || p.seriesId === 'open');
    if (!point?.value) return '';
    const t = point.value[0];
    const heading = escapeHtml(formatBucket(t, input.grain, 'UTC', input.locale)) + (t >= openWall ? ` ${tipNote('(still filling)')}` : '');
    return [heading, `<b>${escapeHtml(fmt(point.value[1]))}</b>`, ...(input.target === null ? [] : [`Target ${escapeHtml(fmt(input.target))}`])].join('<br>');
  }
  return {
    animation: false,
    useUTC: true,
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: { ...tooltipBase(theme), trigger: 'axis', formatter: tooltip },
    xAxis: { type: 'time', min: start, max: end, show: false },
    // A gauge is read against its own range; counts and ratios start at zero.
    yAxis: { type: 'value', show: false, scale: input.kind === 'gauge' },
    series,
  };
}
