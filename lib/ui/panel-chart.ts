/**
 * A chart panel's answer as what it draws: its series model and its ECharts option. Pure, so
 * the panel components (canvas, in the browser) and the first paint (SVG, on the server) build
 * the same chart from the same answer.
 */
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { bucketStarts, floorToGrain } from '@/lib/view/zoned';
import type { ChartOption, ChartTheme } from './chart-options';
import { COMPARE_LABELS, OTHER_LABEL, measureOf, valueLabel } from './labels';
import { expectedRange, type ExpectedRange } from './expected-range';
import { drawsAsRate, toRates } from './rate';
import { alignedCompare, columnSeries, toBars, toSeries, withGaps, type Bar, type Series, type SeriesSet } from './series';
import { timeseriesOption } from './timeseries-option';
import { topnOption } from './topn-option';

export type TimeseriesModel = {
  set: SeriesSet;
  ghosts: Series[] | null;
  /** Start of the bucket still filling up, or null. */
  openFrom: number | null;
  grain: Grain;
  interval: { start: number; end: number };
  /** Counters are drawn per second (rate.ts). */
  rate: boolean;
  /** The expected range behind an unsplit line, when the answer carries one. */
  band: ExpectedRange | null;
};

/** Unsplit: the measure's name. Split: the value, with "Other" for the rest. Percentiles: p50, p99.9. */
export function seriesLabeller(split: string | null, measureLabel: string, percentiles = false) {
  if (percentiles) return (key: string | null) => String(key).replace('_', '.');
  return (key: string | null) => (split === null ? measureLabel : key === null ? OTHER_LABEL : valueLabel(key));
}

/** A time series answer as lines: one per split value, or one per percentile column. */
export function timeseriesModel(data: QueryResponse, rate: boolean, tz: string, percentiles = false): TimeseriesModel {
  const pivot = percentiles ? columnSeries : toSeries;
  const grain = data.meta.grain as Grain;
  const span = (i: { start: string; end: string }) => ({ start: Date.parse(i.start), end: Date.parse(i.end) });
  const interval = span(data.meta.interval);
  const until = data.meta.dataUntil ? Date.parse(data.meta.dataUntil) : null;
  const buckets = bucketStarts(interval, grain, tz);
  // Counters become rates, each bucket over the time it covers (the compared period's own buckets for the ghosts).
  const perSecond = (series: Series[], period: { start: number; end: number }) =>
    rate ? toRates(series, { interval: period, grain, tz, dataUntil: until }) : series;
  const current = pivot(data);
  const before = alignedCompare(data, (series) => perSecond(series, span(data.compare!.interval)), pivot);
  const series = withGaps(perSecond(current.series, interval), buckets);
  return {
    set: { ...current, series },
    ghosts: before && withGaps(before, buckets),
    openFrom: until !== null && until < interval.end ? floorToGrain(until, grain, tz) : null,
    grain,
    interval,
    rate,
    band: expectedRange(data, series[0], { interval, grain, tz, rate }),
  };
}

type ChartPanel = Extract<Panel, { type: 'timeseries' | 'percentiles' | 'topn' }>;
type LinesPanel = Extract<Panel, { type: 'timeseries' | 'percentiles' }>;

export function isChartPanel(panel: Panel): panel is ChartPanel {
  return panel.type === 'timeseries' || panel.type === 'percentiles' || panel.type === 'topn';
}

export function timeseriesPanelOption(dashboard: PublicDashboard, panel: LinesPanel, model: TimeseriesModel, view: View, theme: ChartTheme): ChartOption {
  const measure = measureOf(dashboard, panel.measure);
  return timeseriesOption({
    set: model.set,
    ghosts: model.ghosts,
    ghostCaption: COMPARE_LABELS[view.compare],
    interval: model.interval,
    openFrom: model.openFrom,
    grain: model.grain,
    tz: view.tz,
    format: measure.format,
    kind: measure.kind,
    rate: model.rate,
    band: model.band,
    locale: undefined,
    theme,
    labelOf: seriesLabeller(model.set.split, measure.label, panel.type === 'percentiles'),
  });
}

export function topnPanelOption(dashboard: PublicDashboard, panel: Extract<Panel, { type: 'topn' }>, bars: Bar[], view: View, theme: ChartTheme): ChartOption {
  const measure = measureOf(dashboard, panel.measure);
  return topnOption({ bars, ghostCaption: COMPARE_LABELS[view.compare], format: measure.format, locale: undefined, theme, labelOf: valueLabel });
}

/** The option a chart panel draws for an answer: what the server renders as the first paint. */
export function panelOption(dashboard: PublicDashboard, panel: ChartPanel, data: QueryResponse, view: View, theme: ChartTheme): ChartOption {
  if (panel.type === 'topn') return topnPanelOption(dashboard, panel, toBars(data), view, theme);
  const model = timeseriesModel(data, drawsAsRate(measureOf(dashboard, panel.measure)), view.tz, panel.type === 'percentiles');
  return timeseriesPanelOption(dashboard, panel, model, view, theme);
}
