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
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Format } from '@/lib/dashboards/measure';
import { formatMeasure, type Locale } from './format';
import { formatRate } from './rate';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | BrushComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
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
  /** Annotations: a person's notes, and alerts (lib/ui/annotations.ts). */
  note: string;
  alert: string;
  palette: string[];
};

type ThemeColour = Exclude<keyof ChartTheme, 'palette'>;

/** The CSS variable (app/globals.css) behind each theme colour, and the palette's. */
export const CHART_VARS: Record<ThemeColour, string> = {
  text: '--chart-text',
  muted: '--chart-muted',
  grid: '--chart-grid',
  tooltipBg: '--chart-tooltip-bg',
  tooltipText: '--chart-tooltip-text',
  tooltipBorder: '--chart-tooltip-border',
  brush: '--chart-brush',
  other: '--chart-other',
  note: '--chart-note',
  alert: '--chart-alert',
};
export const PALETTE_VARS = Array.from({ length: 10 }, (_, i) => `--chart-${i + 1}`);

/** A theme resolved by `resolve` for each variable: the browser's computed colours, or var(…) itself for SVG. */
export function themeFrom(resolve: (cssVar: string) => string): ChartTheme {
  const colours = Object.fromEntries(Object.entries(CHART_VARS).map(([k, name]) => [k, resolve(name)])) as Record<ThemeColour, string>;
  return { ...colours, palette: PALETTE_VARS.map(resolve) };
}

/** Colours as var(--chart-*) references: an inline SVG follows the page's scheme without knowing it. */
export const CSS_VAR_THEME: ChartTheme = themeFrom((name) => `var(${name})`);

export type Common = { format: Format; locale: Locale; theme: ChartTheme; labelOf: (key: string | null) => string };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tooltips are HTML; dimension values are customer data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/*
 * Tooltip HTML may carry no style attribute: the page's CSP refuses inline styles (ECharts' own
 * `marker` is a styled span, drawn as nothing). A series' colour goes in an SVG fill attribute, a
 * muted note in a class of globals.css.
 */
const CSS_COLOR = /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\))$/i;

/** A series' colour dot for a tooltip line. */
export function tipMarker(color: unknown): string {
  const fill = typeof color === 'string' && CSS_COLOR.test(color) ? color : 'currentColor';
  return `<svg class="chart-tip-marker" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill="${fill}"/></svg>`;
}

/** Muted text in a tooltip, e.g. "(still filling)". */
export const tipNote = (text: string) => `<span class="chart-tip-note">${escapeHtml(text)}</span>`;

export function tooltipBase(theme: ChartTheme): TooltipComponentOption {
  return {
    backgroundColor: theme.tooltipBg,
    borderColor: theme.tooltipBorder,
    textStyle: { color: theme.tooltipText, fontSize: 12 },
    confine: true,
  };
}

/** How a chart writes a value: a rate (rate.ts) carries "/s". */
export function valueFormatter({ format, locale }: Pick<Common, 'format' | 'locale'>, rate = false) {
  return (v: number | null, compact: boolean) => (rate ? formatRate(v, format, { locale, compact }) : formatMeasure(v, format, { locale, compact }));
}

export function valueAxisLabel(input: Common, rate = false) {
  const fmt = valueFormatter(input, rate);
  return { color: input.theme.muted, formatter: (v: number) => fmt(v, true) };
}
