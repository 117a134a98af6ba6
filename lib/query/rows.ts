/**
 * "Show the rows": the datasource's stored rows behind a panel, a point or a bar, as one
 * QuerySpec compiled like any other. Both engines hold rows rolled up at the dashboard's finest
 * grain (a minute; a datasource without rollup, raw rows), possibly more than one per minute and
 * value (Druid's realtime rollup is best effort, the embedded engine appends each flush), so the
 * rows are grouped by that grain and every dimension, and the stored columns are re-aggregated as
 * they roll up (counts and sums added, minima and maxima kept): the same rows on both engines.
 * Pure, like plan.ts.
 */
import { invalid } from '@/lib/errors/app-error';
import type { RowsColumn } from '@/lib/contract/rows';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure, Operand } from '@/lib/dashboards/measure';
import type { Dashboard, Panel } from '@/lib/dashboards/schema';
import type { Filter, View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { ceilToGrain, floorToGrain } from '@/lib/view/zoned';
import { planPanel } from './plan';
import type { Interval, QuerySpec } from './spec';

export type RowsAt = { t?: string; values?: Record<string, string> };

export type RowsPlan = {
  /** The time the rows come from: the view's interval, or the clicked bucket within it. */
  interval: Interval;
  /** The rows' grain (the dashboard's finest). */
  grain: Grain;
  columns: RowsColumn[];
  spec: QuerySpec;
};

/** The stored columns a measure reads, as the rollup aggregates them; quantiles' lists and sketches are not rows one can read. */
function storedColumns(o: Operand): { id: string; type: 'sum' | 'min' | 'max' }[] {
  const column = o.stored.column;
  switch (o.type) {
    case 'sum':
    case 'avg':
      return column ? [{ id: column, type: 'sum' }] : [];
    case 'min':
    case 'max':
      return column ? [{ id: column, type: o.type }] : [];
    default:
      return [];
  }
}

/** One count of events per row, then each stored column the dashboard's measures read, once. */
export function rowMeasures(dashboard: Dashboard): Measure[] {
  const operands = dashboard.measures.flatMap((m) => (m.aggregate.type === 'ratio' ? [m.aggregate.numerator, m.aggregate.denominator] : [m.aggregate]));
  const count = operands.find((o) => o.stored.count)?.stored.count ?? null;
  const dims = new Set(dashboard.dimensions.map((d) => d.id));
  const events = count ?? (dims.has('events') ? 'events_' : 'events');
  const measure = (id: string, label: string, aggregate: Operand): Measure => ({ id, label, format: 'number', approximate: false, aggregate });
  const stored = (column: string | null) => ({ column, count, double: false });
  const out = [measure(events, 'Events', { type: 'count', field: null, p: null, filter: null, stored: stored(null) })];
  for (const c of operands.flatMap(storedColumns)) {
    if (out.some((m) => m.id === c.id)) continue;
    out.push(measure(c.id, `${c.id} (${c.type})`, { type: c.type, field: c.id, p: null, filter: null, stored: stored(c.id) }));
  }
  return out;
}

export function planRows(args: { dashboard: Dashboard; panel: Panel; view: View; at?: RowsAt; tenant: string; dataUntil: number; limit: number }): RowsPlan {
  const { dashboard, panel, view, tenant, at } = args;
  // The panel's own plan checks the view and gives the interval and grain the clicked bucket is of.
  const shown = planPanel({ dashboard, panel, view, tenant, dataUntil: args.dataUntil });
  const interval = at?.t === undefined ? shown.interval : clickedBucket(at.t, shown.grain, view.tz, shown.interval);
  const filters: Filter[] = [...view.filters];
  for (const [dim, value] of Object.entries(at?.values ?? {})) {
    if (!dashboard.dimensions.some((d) => d.id === dim)) throw invalid(`${dim} is not a dimension of ${dashboard.title}`, `at.values.${dim}`);
    filters.push({ dim, op: 'in', values: [value] });
  }
  const dimensions = dashboard.dimensions.map((d) => d.id);
  const measures = rowMeasures(dashboard);
  const grain = dashboard.finestGrain;
  const spec: QuerySpec = {
    datasource: dashboard.datasource as DatasourceId,
    tenant,
    interval,
    tz: view.tz,
    filters,
    bucket: grain,
    dimensions,
    measures,
    orderBy: [{ column: 't', dir: 'desc' }, ...dimensions.map((column) => ({ column, dir: 'asc' as const }))],
    limit: args.limit,
  };
  const columns: RowsColumn[] = [
    { name: 't', label: 'Time', type: 'time' },
    ...dashboard.dimensions.map((d) => ({ name: d.id, label: d.label, type: 'string' as const })),
    ...measures.map((m) => ({ name: m.id, label: m.label, type: 'number' as const })),
  ];
  return { interval, grain, columns, spec };
}

/** [t, next bucket) of the panel's grain in the view's zone; t must start a bucket of the view. */
function clickedBucket(iso: string, grain: Grain, tz: string, within: Interval): Interval {
  const t = Date.parse(iso);
  if (floorToGrain(t, grain, tz) !== t) throw invalid(`${iso} does not start a bucket of ${grain} in ${tz}`, 'at.t');
  if (t < within.start || t >= within.end) throw invalid(`${iso} is outside the view's interval`, 'at.t');
  return { start: t, end: Math.min(ceilToGrain(t + 1, grain, tz), within.end) };
}
