import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, tooltipBase, valueAxisLabel, type ChartOption, type Common } from './chart-options';
import { delta, formatDelta } from './delta';
import { formatMeasure } from './format';
import { assignColors } from './series-color';
import type { Bar } from './series';

export type TopnInput = Common & { bars: Bar[]; ghostCaption: string; currentCaption?: string };

/**
 * Horizontal bars of totals, biggest on top, each in the colour of its name (series-color.ts),
 * so a topic has the same colour here as in a time series split by topic. The compare figure
 * is a grey bar of its own under each, with a legend entry, so it shows even when shorter.
 */
export function topnOption(input: TopnInput): ChartOption {
  const { bars, theme, format, locale, labelOf } = input;
  const hasCompare = bars.some((b) => b.previous !== null);
  const now = input.currentCaption ?? 'Now';
  const fmt = (v: number | null) => formatMeasure(v, format, { locale, compact: true });
  const colors = assignColors(theme, bars.map((b) => b.key));
  const series: BarSeriesOption[] = [
    {
      type: 'bar',
      id: 'cur',
      name: now,
      data: bars.map((b) => ({ value: b.value, itemStyle: { color: colors.get(b.key)! } })),
      barMaxWidth: 18,
      cursor: 'pointer',
      itemStyle: { color: theme.muted, borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', color: theme.text, formatter: (p) => fmt(p.value as number | null) },
    },
  ];
  if (hasCompare) {
    series.push({
      type: 'bar',
      id: 'cmp',
      name: input.ghostCaption,
      data: bars.map((b) => b.previous),
      barMaxWidth: 8,
      barGap: '15%',
      silent: true,
      itemStyle: { color: theme.other, opacity: 0.6, borderRadius: [0, 2, 2, 0] },
    });
  }
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 4, bottom: hasCompare ? 28 : 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: hasCompare
      ? {
          type: 'scroll',
          bottom: 0,
          data: [{ name: now, itemStyle: { color: theme.palette[0] } }, { name: input.ghostCaption }],
          itemWidth: 12,
          itemHeight: 8,
          textStyle: { color: theme.text },
        }
      : { show: false },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const i = ((Array.isArray(params) ? params[0] : params) as { dataIndex: number }).dataIndex;
        const bar = bars[i];
        if (!bar) return '';
        const full = (v: number | null) => escapeHtml(formatMeasure(v, format, { locale }));
        const lines = [`<b>${escapeHtml(labelOf(bar.key))}</b>`, `${escapeHtml(now)} ${full(bar.value)}`];
        if (hasCompare) {
          const change = delta({ format }, bar.value, bar.previous);
          lines.push(`${escapeHtml(input.ghostCaption)} ${full(bar.previous)}`, `Change ${escapeHtml(change ? formatDelta(change, locale) : '–')}`);
        }
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
