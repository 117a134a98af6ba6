import type { BarSeriesOption } from 'echarts/charts';
import { escapeHtml, tooltipBase, valueAxisLabel, type ChartOption, type Common } from './chart-options';
import { formatMeasure } from './format';
import type { Bar } from './series';

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
