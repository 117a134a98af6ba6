import type { LineSeriesOption } from 'echarts/charts';
import type { MeasureKind } from '@/lib/dashboards/measure-kind';
import type { Grain } from '@/lib/view/time';
import { bandLegend, bandSeries } from './band-option';
import { escapeHtml, tipMarker, tipNote, tooltipBase, valueAxisLabel, valueFormatter, type ChartOption, type Common } from './chart-options';
import { delta, formatDelta } from './delta';
import type { ExpectedRange } from './expected-range';
import { formatAxisTick, formatBucket } from './format';
import { toWall } from './local-time';
import { assignColors } from './series-color';
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
  kind: MeasureKind;
  /** Values are per second (counters, rate.ts): the axis and tooltip say "/s". */
  rate: boolean;
  /** The expected range behind an unsplit line (expected-range.ts), or null. */
  band?: ExpectedRange | null;
};

type TooltipItem = { seriesId?: string; seriesName?: string; color?: unknown; value?: unknown };

/** Splits a series at the open bucket; the open part starts at the last closed point so the lines join. */
export function splitOpen(points: Point[], openFrom: number | null): { closed: Point[]; open: Point[] } {
  const cut = openFrom === null ? -1 : points.findIndex(([t]) => t >= openFrom);
  if (cut < 0) return { closed: points, open: [] };
  return { closed: points.slice(0, cut), open: points.slice(Math.max(0, cut - 1)) };
}

/** Counts that are mostly zero (alerts, failed logins at fine grains) read better as steps than as spikes. */
const SPARSE_SHARE = 0.5;

export function isSparse(kind: MeasureKind, series: Series[]): boolean {
  if (kind !== 'counter' && kind !== 'distinct') return false;
  return series.some((s) => s.points.length > 0 && s.points.filter(([, v]) => v === 0).length / s.points.length >= SPARSE_SHARE);
}

/**
 * Lines per split value or percentile (an area when there is one line), coloured by name (series-color.ts), and
 * dashed ghosts of the compare period under one legend entry of their own. The bucket still
 * filling up is drawn lighter and dashed: it is not a drop, only not finished.
 */
export function timeseriesOption(input: TimeseriesInput): ChartOption {
  const { set, ghosts, theme, tz, locale, labelOf, openFrom, kind, rate } = input;
  const band = input.band?.band.length ? input.band : null;
  const wall = (points: Point[]) => points.map(([t, v]) => [toWall(t, tz), v]);
  // One line (an unsplit measure) is an area; several unsplit lines (percentiles) are lines, named in a legend.
  const single = set.split === null && set.series.length <= 1;
  const drillable = set.split !== null;
  const step: 'end' | false = isSparse(kind, set.series) ? 'end' : false;
  const colors = assignColors(theme, set.series.map((s) => s.key));
  const lines: LineSeriesOption[] = set.series.flatMap((s, i) => {
    const color = colors.get(s.key)!;
    const { closed, open } = splitOpen(s.points, openFrom);
    const isolated = isolatedPoints(closed);
    const shared = {
      type: 'line' as const,
      name: labelOf(s.key),
      step,
      triggerLineEvent: drillable,
      cursor: drillable ? 'pointer' : 'default',
      itemStyle: { color },
      emphasis: { focus: 'series' as const },
    };
    const main: LineSeriesOption = {
      ...shared,
      id: `cur:${i}`,
      data: wall(closed),
      // Gauges with lone values between gaps: draw those as dots.
      showSymbol: isolated.size > 0,
      symbol: 'circle',
      symbolSize: isolated.size > 0 ? (_: unknown, p: { dataIndex: number }) => (isolated.has(p.dataIndex) ? 6 : 0) : 6,
      lineStyle: { width: 1.75, color },
      areaStyle: single ? { color, opacity: 0.12 } : undefined,
    };
    if (open.length === 0) return [main];
    const partial: LineSeriesOption = {
      ...shared,
      id: `open:${i}`,
      data: wall(open),
      showSymbol: false,
      lineStyle: { width: 1.75, color, type: 'dashed', opacity: 0.5 },
      areaStyle: single ? { color, opacity: 0.05 } : undefined,
    };
    return [main, partial];
  });
  // One name for all ghosts: one legend entry ("Week before") shows or hides the compared period.
  const ghostByKey = new Map((ghosts ?? []).map((g) => [g.key, new Map(g.points.map(([t, v]) => [toWall(t, tz), v]))]));
  const ghostLines: LineSeriesOption[] = (ghosts ?? []).flatMap((g) => {
    const i = set.series.findIndex((s) => s.key === g.key);
    if (i < 0) return [];
    const color = single ? theme.muted : colors.get(g.key)!;
    const style = { color, opacity: 0.7 };
    return [
      {
        type: 'line',
        id: `cmp:${i}`,
        name: input.ghostCaption,
        data: wall(g.points),
        step,
        showSymbol: false,
        silent: true,
        z: 1,
        lineStyle: { ...style, width: 1.25, type: 'dashed' },
        itemStyle: style,
      },
    ];
  });
  const wallOpenFrom = openFrom === null ? Infinity : toWall(openFrom, tz);
  const format = valueFormatter(input, rate);
  const fmt = (v: number | null) => format(v, false);
  const bandAt = new Map(band?.band.map(([t, low, high]) => [toWall(t, tz), [low, high] as const]));
  const unusualAt = new Set(band?.unusual.map((u) => toWall(u.t, tz)));
  function bandRows(t: number): string[] {
    const [low, high] = bandAt.get(t) ?? [null, null];
    if (low === null || high === null) return [];
    const range = `Expected ${format(low, true)}–${format(high, true)}`;
    return [unusualAt.has(t) ? `${escapeHtml(range)} <b>(unusual)</b>` : tipNote(range)];
  }

  function tooltip(params: unknown): string {
    const items = (Array.isArray(params) ? params : [params]) as TooltipItem[];
    const t = (items[0]?.value as [number, number] | undefined)?.[0];
    if (t === undefined) return '';
    const partial = t >= wallOpenFrom;
    const rows = items.flatMap((p) => {
      const [role, index] = (p.seriesId ?? '').split(':');
      if (role === 'cmp' || role === 'band' || role === 'unusual') return [];
      // The first point of an open line repeats the last closed one.
      if (role === 'open' && !partial) return [];
      if (role === 'cur' && partial) return [];
      const now = (p.value as [number, number | null])[1];
      const name = `${tipMarker(p.color)}${escapeHtml(p.seriesName ?? '')}`;
      const before = ghostByKey.get(set.series[Number(index)]?.key ?? null);
      if (!before) return [`${name} <b>${escapeHtml(fmt(now))}</b>`];
      const then = before.get(t) ?? null;
      const change = delta({ format: input.format }, now, then);
      const changeText = change ? formatDelta(change, locale) : '–';
      if (single) {
        return [`${name} <b>${escapeHtml(fmt(now))}</b>`, `${escapeHtml(input.ghostCaption)} ${escapeHtml(fmt(then))}`, `Change ${escapeHtml(changeText)}`];
      }
      return [`${name} <b>${escapeHtml(fmt(now))}</b> ${tipNote(`(${input.ghostCaption.toLowerCase()} ${fmt(then)}, ${changeText})`)}`];
    });
    const heading = escapeHtml(formatBucket(t, input.grain, 'UTC', locale)) + (partial ? ` ${tipNote('(still filling)')}` : '');
    return [heading, ...rows, ...bandRows(t)].join('<br>');
  }

  const legendNames = [...set.series.map((s) => labelOf(s.key)), ...(ghostLines.length ? [input.ghostCaption] : [])];
  const showLegend = !single || ghostLines.length > 0 || band !== null;
  return {
    animation: false,
    // Points are wall-clock times of the view zone (see toWall), so ticks must not move them again.
    useUTC: true,
    grid: { left: 8, right: 16, top: 12, bottom: showLegend ? 36 : 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: showLegend
      ? {
          // Scrolls through pages instead of cutting names off; long names are shortened, with the full name on hover.
          type: 'scroll',
          bottom: 0,
          data: [
            ...legendNames.map((name) => (name === input.ghostCaption && ghostLines.length ? { name, icon: 'path://M0,0H4V1H0ZM6,0H10V1H6Z' } : { name })),
            ...(band ? bandLegend(band) : []),
          ],
          icon: 'roundRect',
          itemWidth: 12,
          itemHeight: 4,
          textStyle: { color: theme.text, width: 160, overflow: 'truncate' },
          tooltip: { show: true },
          pageTextStyle: { color: theme.muted },
          pageIconColor: theme.text,
          pageIconInactiveColor: theme.grid,
        }
      : { show: false },
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
      // A gauge (a temperature) is read against its own range; counts and ratios start at zero.
      scale: kind === 'gauge',
      minInterval: input.format === 'count' && !rate ? 1 : undefined,
      axisLabel: valueAxisLabel(input, rate),
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
    series: [...lines, ...ghostLines, ...(band ? bandSeries(band, { tz, theme, step }) : [])],
  };
}
