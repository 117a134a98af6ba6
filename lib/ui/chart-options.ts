/**
 * ECharts option objects for our panels, built from transformed series. Pure data: the
 * ECharts runtime is only loaded in the browser (components/charts/echart.tsx), and only
 * types are imported here.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  BrushComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Format } from '@/lib/dashboards/schema';
import type { Grain } from '@/lib/view/time';
import { formatAxisTick, formatBucket, formatMeasure, type Locale } from './format';
import { toWall } from './local-time';
import { isolatedPoints, type Bar, type Series, type SeriesSet } from './series';

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | BrushComponentOption
>;

/** Colours come from CSS variables, so charts follow the page's light or dark theme. */
export type ChartTheme = {
  text: string;
  muted: string;
  grid: string;
  tooltipBg: string;
  tooltipText: string;
  tooltipBorder: string;
  brush: string;
  other: string;
  palette: string[];
};

type Common = { format: Format; locale: Locale; theme: ChartTheme; labelOf: (key: string | null) => string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tooltips are HTML; dimension values are customer data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function seriesColor(theme: ChartTheme, key: string | null, index: number): string {
  return key === null ? theme.other : theme.palette[index % theme.palette.length]!;
}

function tooltipBase(theme: ChartTheme): TooltipComponentOption {
  return {
    backgroundColor: theme.tooltipBg,
    borderColor: theme.tooltipBorder,
    textStyle: { color: theme.tooltipText, fontSize: 12 },
    confine: true,
  };
}

function valueAxisLabel({ format, locale, theme }: Common) {
  return { color: theme.muted, formatter: (v: number) => formatMeasure(v, format, { locale, compact: true }) };
}

export type TimeseriesInput = Common & {
  set: SeriesSet;
  ghosts: Series[] | null;
  ghostCaption: string;
  interval: { start: number; end: number };
  grain: Grain;
  tz: string;
};

/** Lines per split value (an area when unsplit), plus dashed ghosts of the compare period. */
export function timeseriesOption(input: TimeseriesInput): ChartOption {
  const { set, ghosts, theme, tz, locale, format, labelOf } = input;
  const wall = (points: Series['points']) => points.map(([t, v]) => [toWall(t, tz), v]);
  const single = set.split === null;
  const current: LineSeriesOption[] = set.series.map((s, i) => {
    const color = seriesColor(theme, s.key, i);
    const isolated = isolatedPoints(s.points);
    return {
      type: 'line',
      id: `cur:${i}`,
      name: labelOf(s.key),
      data: wall(s.points),
      // Sparse data (alerts) has lone values between gaps: draw those as dots.
      showSymbol: isolated.size > 0,
      symbol: 'circle',
      symbolSize: isolated.size > 0 ? (_: unknown, p: { dataIndex: number }) => (isolated.has(p.dataIndex) ? 6 : 0) : 6,
      triggerLineEvent: !single,
      cursor: single ? 'default' : 'pointer',
      lineStyle: { width: 1.75, color },
      itemStyle: { color },
      areaStyle: single ? { color, opacity: 0.12 } : undefined,
      emphasis: { focus: 'series' },
    };
  });
  const ghostLines: LineSeriesOption[] = (ghosts ?? []).flatMap((g) => {
    const i = set.series.findIndex((s) => s.key === g.key);
    if (i < 0) return [];
    const color = seriesColor(theme, g.key, i);
    // Same name as its current series, so one legend item shows or hides both.
    return [{
      type: 'line',
      id: `cmp:${i}`,
      name: labelOf(g.key),
      data: wall(g.points),
      showSymbol: false,
      silent: true,
      z: 1,
      lineStyle: { width: 1.25, type: 'dashed', color, opacity: 0.6 },
      itemStyle: { color, opacity: 0.6 },
    }];
  });
  const ghostIds = new Set(ghostLines.map((g) => g.id));
  return {
    animation: false,
    // Points are wall-clock times of the view zone (see toWall), so ticks must not move them again.
    useUTC: true,
    grid: { left: 8, right: 16, top: 12, bottom: single ? 8 : 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: single
      ? { show: false }
      : { type: 'scroll', bottom: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 4, textStyle: { color: theme.text }, pageTextStyle: { color: theme.muted } },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      formatter: (params) => {
        const items = (Array.isArray(params) ? params : [params]) as { seriesId?: string; seriesName?: string; marker?: unknown; value?: unknown }[];
        const t = (items[0]?.value as [number, number] | undefined)?.[0];
        const head = t === undefined ? '' : escapeHtml(formatBucket(t, input.grain, 'UTC', locale));
        const lines = items.map((p) => {
          const v = (p.value as [number, number | null])[1];
          const caption = ghostIds.has(p.seriesId ?? '') ? ` <span style="opacity:.7">(${escapeHtml(input.ghostCaption)})</span>` : '';
          return `${String(p.marker ?? '')}${escapeHtml(p.seriesName ?? '')}${caption} <b>${escapeHtml(formatMeasure(v, format, { locale }))}</b>`;
        });
        return [head, ...lines].join('<br>');
      },
    },
    xAxis: {
      type: 'time',
      min: toWall(input.interval.start, tz),
      max: toWall(input.interval.end, tz),
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: (v: number) => formatAxisTick(v, locale) },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      minInterval: format === 'count' ? 1 : undefined,
      axisLabel: valueAxisLabel(input),
      splitLine: { lineStyle: { color: theme.grid } },
    },
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      brushStyle: { color: theme.brush, borderColor: theme.muted, borderWidth: 1 },
      outOfBrush: { colorAlpha: 1 },
    },
    series: [...ghostLines, ...current],
  };
}

export type TopnInput = Common & { bars: Bar[]; ghostCaption: string };

/** Horizontal bars, biggest on top; the compare figure is a dashed outline behind each bar. */
export function topnOption(input: TopnInput): ChartOption {
  const { bars, theme, format, locale, labelOf } = input;
  const hasCompare = bars.some((b) => b.previous !== null);
  const fmt = (v: number | null) => formatMeasure(v, format, { locale, compact: true });
  const series: BarSeriesOption[] = [
    {
      type: 'bar',
      id: 'cur',
      name: 'Current',
      data: bars.map((b) => b.value),
      barMaxWidth: 18,
      cursor: 'pointer',
      itemStyle: { color: theme.palette[0], borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', color: theme.text, formatter: (p) => fmt(p.value as number | null) },
      z: 2,
    },
  ];
  if (hasCompare) {
    series.unshift({
      type: 'bar',
      id: 'cmp',
      name: input.ghostCaption,
      data: bars.map((b) => b.previous),
      barMaxWidth: 18,
      barGap: '-100%',
      silent: true,
      itemStyle: { color: 'transparent', borderColor: theme.muted, borderType: 'dashed', borderWidth: 1 },
      z: 1,
    });
  }
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 4, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const i = ((Array.isArray(params) ? params[0] : params) as { dataIndex: number }).dataIndex;
        const bar = bars[i];
        if (!bar) return '';
        const lines = [`<b>${escapeHtml(labelOf(bar.key))}</b>`, escapeHtml(formatMeasure(bar.value, format, { locale }))];
        if (hasCompare) lines.push(`${escapeHtml(input.ghostCaption)}: ${escapeHtml(formatMeasure(bar.previous, format, { locale }))}`);
        return lines.join('<br>');
      },
    },
    xAxis: {
      type: 'value',
      minInterval: format === 'count' ? 1 : undefined,
      axisLabel: { ...valueAxisLabel(input), hideOverlap: true },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => labelOf(b.key)),
      axisLabel: { color: theme.text, width: 140, overflow: 'truncate' },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.grid } },
    },
    series,
  };
}
