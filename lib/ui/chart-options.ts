/**
 * What every ECharts option of ours shares: the option type, theme colours, tooltip and axis
 * styling. Pure data: the ECharts runtime is only loaded in the browser
 * (components/charts/echart.tsx); only its types are imported here.
 */
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  BrushComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Format } from '@/lib/dashboards/measure';
import { formatMeasure, type Locale } from './format';

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

export type Common = { format: Format; locale: Locale; theme: ChartTheme; labelOf: (key: string | null) => string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tooltips are HTML; dimension values are customer data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

export function seriesColor(theme: ChartTheme, key: string | null, index: number): string {
  return key === null ? theme.other : theme.palette[index % theme.palette.length]!;
}

export function tooltipBase(theme: ChartTheme): TooltipComponentOption {
  return {
    backgroundColor: theme.tooltipBg,
    borderColor: theme.tooltipBorder,
    textStyle: { color: theme.tooltipText, fontSize: 12 },
    confine: true,
  };
}

export function valueAxisLabel({ format, locale, theme }: Common) {
  return { color: theme.muted, formatter: (v: number) => formatMeasure(v, format, { locale, compact: true }) };
}
