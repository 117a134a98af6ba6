import type { LineSeriesOption } from 'echarts/charts';
import type { Grain } from '@/lib/view/time';
import { escapeHtml, seriesColor, tooltipBase, valueAxisLabel, type ChartOption, type Common } from './chart-options';
import { formatAxisTick, formatBucket, formatMeasure } from './format';
import { toWall } from './local-time';
import { isolatedPoints, type Point, type Series, type SeriesSet } from './series';

export type TimeseriesInput = Common & {
  set: SeriesSet;
  ghosts: Series[] | null;
  ghostCaption: string;
  interval: { start: number; end: number };
  grain: Grain;
  tz: string;
  /** Start of the bucket still filling up (data arrives until its end), or null if none is shown. */
  openFrom: number | null;
};

type TooltipItem = { seriesId?: string; seriesName?: string; marker?: unknown; value?: unknown };

/** Splits a series at the open bucket; the open part starts at the last closed point so the lines join. */
function splitOpen(points: Point[], openFrom: number | null): { closed: Point[]; open: Point[] } {
  const cut = openFrom === null ? -1 : points.findIndex(([t]) => t >= openFrom);
  if (cut < 0) return { closed: points, open: [] };
  return { closed: points.slice(0, cut), open: points.slice(Math.max(0, cut - 1)) };
}

/**
 * Lines per split value (an area when unsplit) and dashed ghosts of the compare period. The
 * bucket still filling up is drawn dotted: a live chart would otherwise end in a cliff that
 * reads as an outage.
 */
export function timeseriesOption(input: TimeseriesInput): ChartOption {
  const { set, ghosts, theme, tz, locale, format, labelOf, openFrom } = input;
  const wall = (points: Point[]) => points.map(([t, v]) => [toWall(t, tz), v]);
  const single = set.split === null;
  const lines: LineSeriesOption[] = set.series.flatMap((s, i) => {
    const color = seriesColor(theme, s.key, i);
    const { closed, open } = splitOpen(s.points, openFrom);
    const isolated = isolatedPoints(closed);
    const shared = {
      type: 'line' as const,
      name: labelOf(s.key),
      triggerLineEvent: !single,
      cursor: single ? 'default' : 'pointer',
      itemStyle: { color },
      emphasis: { focus: 'series' as const },
    };
    const main: LineSeriesOption = {
      ...shared,
      id: `cur:${i}`,
      data: wall(closed),
      // Sparse data (alerts) has lone values between gaps: draw those as dots.
      showSymbol: isolated.size > 0,
      symbol: 'circle',
      symbolSize: isolated.size > 0 ? (_: unknown, p: { dataIndex: number }) => (isolated.has(p.dataIndex) ? 6 : 0) : 6,
      lineStyle: { width: 1.75, color },
      areaStyle: single ? { color, opacity: 0.12 } : undefined,
    };
    if (open.length === 0) return [main];
    return [main, { ...shared, id: `open:${i}`, data: wall(open), showSymbol: false, lineStyle: { width: 1.75, color, type: 'dotted' } }];
  });
  // Same name as its current series, so one legend item shows or hides both.
  const ghostLines: LineSeriesOption[] = (ghosts ?? []).flatMap((g) => {
    const i = set.series.findIndex((s) => s.key === g.key);
    if (i < 0) return [];
    const color = seriesColor(theme, g.key, i);
    const style = { color, opacity: 0.6 };
    return [
      {
        type: 'line',
        id: `cmp:${i}`,
        name: labelOf(g.key),
        data: wall(g.points),
        showSymbol: false,
        silent: true,
        z: 1,
        lineStyle: { ...style, width: 1.25, type: 'dashed' },
        itemStyle: style,
      },
    ];
  });
  const wallOpenFrom = openFrom === null ? Infinity : toWall(openFrom, tz);

  function tooltip(params: unknown): string {
    const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
    const t = (items[0]?.value as [number, number] | undefined)?.[0];
    if (t === undefined) return '';
    const rows = items.flatMap((p) => {
      const id = p.seriesId ?? '';
      // The first point of an open line repeats the last closed one.
      if (id.startsWith('open:') && t < wallOpenFrom) return [];
      const caption = id.startsWith('cmp:') ? input.ghostCaption : id.startsWith('open:') ? 'incomplete' : null;
      const v = (p.value as [number, number | null])[1];
      return [
        `${String(p.marker ?? '')}${escapeHtml(p.seriesName ?? '')}` +
          (caption ? ` <span style="opacity:.7">(${escapeHtml(caption)})</span>` : '') +
          ` <b>${escapeHtml(formatMeasure(v, format, { locale }))}</b>`,
      ];
    });
    return [escapeHtml(formatBucket(t, input.grain, 'UTC', locale)), ...rows].join('<br>');
  }

  return {
    animation: false,
    // Points are wall-clock times of the view zone (see toWall), so ticks must not move them again.
    useUTC: true,
    grid: { left: 8, right: 16, top: 12, bottom: single ? 8 : 36, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: single
      ? { show: false }
      : { type: 'scroll', bottom: 0, icon: 'roundRect', itemWidth: 12, itemHeight: 4, textStyle: { color: theme.text }, pageTextStyle: { color: theme.muted } },
    tooltip: { ...tooltipBase(theme), trigger: 'axis', formatter: tooltip },
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
    // Current lines first: the legend takes each name's colour, and the tooltip its order, from them.
    series: [...lines, ...ghostLines],
  };
}
