'use client';

import { useMemo } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { timeseriesOption } from '@/lib/ui/timeseries-option';
import { valueFormatter } from '@/lib/ui/chart-options';
import { formatBucket } from '@/lib/ui/format';
import { drawsAsRate, toRates } from '@/lib/ui/rate';
import { COMPARE_LABELS, OTHER_LABEL, columnLabel, measureOf, valueLabel } from '@/lib/ui/labels';
import { alignedCompare, columnSeries, toSeries, wideRows, withGaps, type Series } from '@/lib/ui/series';
import { withDrillDown, withRange } from '@/lib/ui/view-edit';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { bucketStarts, floorToGrain, fromWall } from '@/lib/view/zoned';
import { LazyChart } from '../charts/lazy-chart';
import { useChartTheme } from '../charts/use-chart-theme';
import { DataTable } from './data-table';

type Props = {
  dashboard: PublicDashboard;
  /** Percentile lines are time series too: one line per percentile instead of per split value. */
  panel: Extract<Panel, { type: 'timeseries' | 'percentiles' }>;
  data: QueryResponse;
  view: View;
  setView: (view: View) => void;
  asTable: boolean;
};

/** Unsplit: the measure's name. Split: the value, with "Other" for the rest. Percentiles: p50, p99.9. */
function seriesLabeller(split: string | null, measureLabel: string, percentiles: boolean) {
  if (percentiles) return (key: string | null) => String(key).replace('_', '.');
  return (key: string | null) => (split === null ? measureLabel : key === null ? OTHER_LABEL : valueLabel(key));
}

/** A brush narrower than this is a click that slipped, not a range. */
const MIN_BRUSH_MS = 60_000;

export function TimeseriesPanel({ dashboard, panel, data, view, setView, asTable }: Props) {
  const theme = useChartTheme();
  const measure = measureOf(dashboard, panel.measure);
  const rate = drawsAsRate(measure.kind);
  const percentiles = panel.type === 'percentiles';
  const { set, ghosts, openFrom } = useMemo(() => {
    const pivot = percentiles ? columnSeries : toSeries;
    const grain = data.meta.grain as Grain;
    const span = (i: { start: string; end: string }) => ({ start: Date.parse(i.start), end: Date.parse(i.end) });
    const interval = span(data.meta.interval);
    const until = data.meta.dataUntil ? Date.parse(data.meta.dataUntil) : null;
    const buckets = bucketStarts(interval, grain, view.tz);
    // Counters become rates, each bucket over the time it covers (the compared period's own buckets for the ghosts).
    const perSecond = (series: Series[], period: { start: number; end: number }) =>
      rate ? toRates(series, { interval: period, grain, tz: view.tz, dataUntil: until }) : series;
    const current = pivot(data);
    const before = alignedCompare(data, (series) => perSecond(series, span(data.compare!.interval)), pivot);
    return {
      set: { ...current, series: withGaps(perSecond(current.series, interval), buckets) },
      ghosts: before && withGaps(before, buckets),
      openFrom: until !== null && until < interval.end ? floorToGrain(until, grain, view.tz) : null,
    };
  }, [data, view.tz, rate, percentiles]);
  const labelOf = useMemo(() => seriesLabeller(set.split, measure.label, percentiles), [set.split, measure.label, percentiles]);
  const grain = data.meta.grain as Grain;
  const valueText = valueFormatter({ format: measure.format, locale: undefined }, rate);

  const option = useMemo(() => {
    if (!theme) return null;
    const interval = { start: Date.parse(data.meta.interval.start), end: Date.parse(data.meta.interval.end) };
    return timeseriesOption({
      set,
      ghosts,
      ghostCaption: COMPARE_LABELS[view.compare],
      interval,
      openFrom,
      grain,
      tz: view.tz,
      format: measure.format,
      kind: measure.kind,
      rate,
      locale: undefined,
      theme,
      labelOf,
    });
  }, [theme, set, ghosts, openFrom, data.meta, view.compare, view.tz, measure, grain, labelOf, rate]);

  if (asTable) {
    const rows = wideRows(set.series);
    return (
      <DataTable
        caption={`${panel.title}, by ${set.split ? columnLabel(dashboard, set.split) : 'time'}`}
        columns={[{ id: 't', label: 'Time' }, ...set.series.map((s, i) => ({ id: `s${i}`, label: labelOf(s.key), numeric: true }))]}
        rows={rows.map((r) => ({
          key: String(r.t),
          cells: [formatBucket(r.t, grain, view.tz) + (openFrom !== null && r.t >= openFrom ? ' (still filling)' : ''), ...r.values.map((v) => valueText(v, false))],
        }))}
      />
    );
  }

  function drill(seriesIndex: number) {
    const key = set.series[seriesIndex]?.key;
    if (panel.type === 'timeseries' && set.split && key !== null && key !== undefined) setView(withDrillDown(view, set.split, key));
  }

  function brushed([a, b]: [number, number]) {
    const start = Math.floor(fromWall(a, view.tz) / MIN_BRUSH_MS) * MIN_BRUSH_MS;
    const end = Math.ceil(fromWall(b, view.tz) / MIN_BRUSH_MS) * MIN_BRUSH_MS;
    if (end - start < MIN_BRUSH_MS) return;
    setView(withRange(view, { start: new Date(start).toISOString(), end: new Date(end).toISOString() }));
  }

  const names = set.series.map((s) => labelOf(s.key));
  const label =
    (percentiles ? `${panel.title}: line chart of ${names.join(', ')} of ${measure.label} over time` : `${panel.title}: line chart of ${measure.label}${rate ? ' per second' : ''} over time`) +
    (set.split ? `, ${names.length} series (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})` : '') +
    (ghosts ? `, with ${COMPARE_LABELS[view.compare].toLowerCase()} as dashed lines` : '') +
    '. Drag across the chart to zoom into a time range; use "Table" for the values.';

  return option ? (
    <LazyChart
      key={theme?.scheme}
      option={option}
      label={label}
      onBrush={brushed}
      onItemClick={(e) => {
        const [kind, index] = (e.seriesId ?? '').split(':');
        if (kind === 'cur' || kind === 'open') drill(Number(index));
      }}
    />
  ) : null;
}
