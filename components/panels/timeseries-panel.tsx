'use client';

import { useQuery } from '@tanstack/react-query';
import { useContext, useMemo, useState } from 'react';
import type { Annotation } from '@/lib/contract/annotations';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { annotationMarks, markedIds, panelAnnotations, withMarks } from '@/lib/ui/annotations';
import { valueFormatter } from '@/lib/ui/chart-options';
import { formatBucket } from '@/lib/ui/format';
import { drawsAsRate } from '@/lib/ui/rate';
import { columnLabel } from '@/lib/dashboards/public';
import { COMPARE_LABELS, measureOf } from '@/lib/ui/labels';
import { seriesLabeller, timeseriesModel, timeseriesPanelOption } from '@/lib/ui/panel-chart';
import { annotationsQuery } from '@/lib/ui/queries';
import { wideRows } from '@/lib/ui/series';
import { aroundMoment, withDrillDown, withRange } from '@/lib/ui/view-edit';
import type { RowsTarget } from '@/lib/ui/rows';
import type { View } from '@/lib/view/schema';
import { ceilToGrain, fromWall } from '@/lib/view/zoned';
import { AnnotationDetails } from '../annotations/annotation-details';
import { AnnotationList } from '../annotations/annotation-list';
import styles from '../annotations/annotations.module.css';
import { Annotating } from '../annotations/annotations-context';
import { Chart } from '../charts/chart';
import { useChartTheme } from '../charts/use-chart-theme';
import { DataTable } from './data-table';
import { UnusualPoints } from './unusual-points';

type Props = {
  dashboard: PublicDashboard;
  /** Percentile lines are time series too: one line per percentile instead of per split value. */
  panel: Extract<Panel, { type: 'timeseries' | 'percentiles' }>;
  data: QueryResponse;
  view: View;
  setView: (view: View) => void;
  asTable: boolean;
  /** Opens "show the rows" for a bar, a bucket or a table row. */
  showRows: (target: RowsTarget) => void;
  /** The server's first paint of this answer, if it is still the one shown. */
  svg?: string;
};

/** A brush narrower than this is a click that slipped, not a range. */
const MIN_BRUSH_MS = 60_000;

export function TimeseriesPanel({ dashboard, panel, data, view, setView, asTable, showRows, svg }: Props) {
  const theme = useChartTheme();
  const measure = measureOf(dashboard, panel.measure);
  const rate = drawsAsRate(measure);
  const percentiles = panel.type === 'percentiles';
  const model = useMemo(() => timeseriesModel(data, rate, view.tz, percentiles), [data, rate, view.tz, percentiles]);
  const { set, ghosts, openFrom, grain, band } = model;
  const labelOf = useMemo(() => seriesLabeller(set.split, measure.label, percentiles), [set.split, measure.label, percentiles]);
  const valueText = valueFormatter({ format: measure.format, locale: undefined }, rate);
  // Annotations come after the answer (the server's first paint has none): drawn as marks and listed for the keyboard.
  const annotating = useContext(Annotating);
  const notes = useQuery({ ...annotationsQuery(dashboard.id, model.interval, view.tz), enabled: annotating.on });
  const shown = useMemo(() => panelAnnotations(notes.data?.annotations ?? [], dashboard.datasource, view.filters, model.interval), [notes.data, dashboard.datasource, view.filters, model.interval]);
  const marks = useMemo(() => (theme && shown.length ? annotationMarks(shown, view.tz, theme) : null), [theme, shown, view.tz]);
  // Built only when the canvas is wanted (components/charts/chart.tsx).
  const option = useMemo(() => theme && (() => withMarks(timeseriesPanelOption(dashboard, panel, model, view, theme), marks)), [theme, dashboard, panel, model, view, marks]);
  const [details, setDetails] = useState<Annotation | null>(null);

  const bucketRows = (t: number) => showRows({ label: formatBucket(t, grain, view.tz), at: { t: new Date(t).toISOString() } });
  // The band's bounds as two more columns of the table, bucket by bucket.
  const drawn = band !== null && band.band.length > 0;
  const boundsAt = new Map(band?.band.map(([t, low, high]) => [t, [low, high]]));

  if (asTable) {
    const rows = wideRows(set.series);
    const boundCells = (t: number) => (drawn ? (boundsAt.get(t) ?? [null, null]).map((v) => valueText(v, false)) : []);
    return (
      <DataTable
        caption={`${panel.title}, by ${set.split ? columnLabel(dashboard, set.split) : 'time'}`}
        columns={[
          { id: 't', label: 'Time' },
          ...set.series.map((s, i) => ({ id: `s${i}`, label: labelOf(s.key), numeric: true })),
          ...(drawn ? [{ id: 'low', label: 'Expected low', numeric: true }, { id: 'high', label: 'Expected high', numeric: true }] : []),
        ]}
        rows={rows.map((r) => ({
          key: String(r.t),
          cells: [formatBucket(r.t, grain, view.tz) + (openFrom !== null && r.t >= openFrom ? ' (still filling)' : ''), ...r.values.map((v) => valueText(v, false)), ...boundCells(r.t)],
          rows: { label: `Show the rows for ${formatBucket(r.t, grain, view.tz)}`, onSelect: () => bucketRows(r.t) },
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

  function openMoment(t: number) {
    setView(aroundMoment(view, { start: t, end: ceilToGrain(t + 1, grain, view.tz) }));
  }

  const names = set.series.map((s) => labelOf(s.key));
  const label =
    (percentiles ? `${panel.title}: line chart of ${names.join(', ')} of ${measure.label} over time` : `${panel.title}: line chart of ${measure.label}${rate ? ' per second' : ''} over time`) +
    (set.split ? `, ${names.length} series (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})` : '') +
    (ghosts ? `, with ${COMPARE_LABELS[view.compare].toLowerCase()} as dashed lines` : '') +
    (drawn ? `, behind it the expected range${band!.unusual.length ? ` and ${band!.unusual.length === 1 ? '1 unusual point as a triangle' : `${band!.unusual.length} unusual points as triangles`}` : ''}` : '') +
    `. Drag across the chart to zoom into a time range;${set.split ? '' : ' click a point for its stored rows;'} use "Table" for the values and their rows.`;

  return (
    <div
      className={styles.frame}
      data-annotations={markedIds(marks).join(' ')}
      data-expected={band ? (drawn ? 'drawn' : 'no-history') : undefined}
      data-unusual={band ? band.unusual.length : undefined}
    >
      <Chart
        key={theme?.scheme}
        // Marks are drawn on the canvas, which replaces the server's SVG when the chart is wanted (pointer, tap, refresh).
        svg={svg}
        option={option}
        label={label}
        onBrush={brushed}
        onItemClick={(e) => {
          if (e.componentType === 'markLine' && marks) return setDetails(marks.lines[e.dataIndex] ?? null);
          if (e.componentType === 'markArea' && marks) return setDetails(marks.areas[e.dataIndex] ?? null);
          const [kind, index] = (e.seriesId ?? '').split(':');
          const point = kind === 'unusual' ? band?.unusual[e.dataIndex] : undefined;
          if (point) return openMoment(point.t);
          if (kind !== 'cur' && kind !== 'open') return;
          // A split series' point filters to its value (drill down); a single line's shows the bucket's rows.
          if (set.split) return drill(Number(index));
          const wall = Array.isArray(e.value) ? Number(e.value[0]) : NaN;
          if (Number.isFinite(wall)) bucketRows(fromWall(wall, view.tz));
        }}
      />
      <div className={styles.corner}>
        {band && band.unusual.length > 0 && <UnusualPoints title={panel.title} points={band.unusual} grain={grain} tz={view.tz} valueText={valueText} onOpen={(p) => openMoment(p.t)} />}
        {shown.length > 0 && <AnnotationList title={panel.title} annotations={shown} tz={view.tz} onOpen={setDetails} />}
      </div>
      {band && band.band.length === 0 && <p className={styles.quiet}>Not enough history for an expected range</p>}
      {details && <AnnotationDetails key={details.id} annotation={details} tz={view.tz} onClose={() => setDetails(null)} />}
    </div>
  );
}
