/**
 * Dashboard + panel + view (+ tenant and data freshness) → the engine queries that answer it.
 * Pure: "now" is passed in as `dataUntil`, so the same inputs always plan the same SQL.
 */
import { invalid } from '@/lib/errors/app-error';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { Measure } from '@/lib/dashboards/measure';
import { autoGrainWithin, limitProblem, type Limits } from '@/lib/dashboards/limits';
import type { Dashboard, Panel } from '@/lib/dashboards/schema';
import { isRelative, type View } from '@/lib/view/schema';
import { DURATION_MS, type Grain, type RelativeRange } from '@/lib/view/time';
import { addLocalDays, ceilToGrain, floorToGrain } from '@/lib/view/zoned';
import { MAX_ROWS } from '@/lib/sql/query';
import { expectedSpecs } from './expected';
import type { Interval, QuerySpec } from './spec';

/** `ordinal`: a whole number naming a position in a cycle (a heatmap's day of week and hour), a key like time and strings. */
export type ColumnType = 'time' | 'string' | 'number' | 'ordinal';
export type Column = { name: string; type: ColumnType };

export type PanelPlan = {
  interval: Interval;
  grain: Grain;
  compareInterval: Interval | null;
  /** Where the tenant's data ends: buckets from here on have no answer yet (not even 0). */
  dataUntil: number;
  columns: Column[];
  /**
   * Its bucketed rows are time series (oldest first): closed buckets may be reused and a
   * counter's empty buckets are 0. A table's Time column lists when things happened: neither.
   */
  series: boolean;
  /** Phase one of a split time series: the top-N split values, kept by name in `main`. */
  top: QuerySpec | null;
  main: QuerySpec;
  compare: QuerySpec | null;
  /** A sparkline KPI's series: its measure per bucket over the interval, answered beside the total in `main`. */
  trend: QuerySpec | null;
  /** An unsplit time series' expected range: `main` over each of the weeks before (expected.ts). */
  expected: QuerySpec[] | null;
};

/** A table lists at most this many rows. */
export const TABLE_ROWS = 100;
/** A chart may not hold more buckets than this, whatever grain is asked for. */
export const MAX_BUCKETS = 5_000;

/** Buckets of `grain` a span can touch (a partial one at each end included). */
export function bucketCount(spanMs: number, grain: Grain): number {
  return Math.ceil(spanMs / DURATION_MS[grain]) + 1;
}

/** Presets counted in local days: "last 7 days" starts at the same wall-clock time 7 days back, across DST. */
const LOCAL_DAYS: Partial<Record<RelativeRange, number>> = { P1D: 1, P7D: 7, P30D: 30, P90D: 90 };

/** `finest`: the dashboard's finest grain, which auto never goes below. */
export function resolveInterval(view: View, dataUntil: number, limits: Pick<Limits, 'finestGrain'> = { finestGrain: 'PT1M' }): { interval: Interval; grain: Grain } {
  const autoGrain = (spanMs: number) => autoGrainWithin(limits, spanMs);
  if (isRelative(view.range)) {
    const { last } = view.range;
    const grain = view.grain === 'auto' ? autoGrain(DURATION_MS[last]) : view.grain;
    // Aligned to the grain, so every viewer within the same open bucket shares one cache entry.
    const end = ceilToGrain(dataUntil, grain, view.tz);
    const days = LOCAL_DAYS[last];
    const back = days ? addLocalDays(end, -days, view.tz) : end - DURATION_MS[last];
    return { interval: { start: floorToGrain(back, grain, view.tz), end }, grain };
  }
  const interval = { start: Date.parse(view.range.start), end: Date.parse(view.range.end) };
  return { interval, grain: view.grain === 'auto' ? autoGrain(interval.end - interval.start) : view.grain };
}

/** The dashboard's limits (longest span, finest grain): one rule for the API and the UI. */
export function checkSpan(dashboard: Limits, view: View): void {
  const problem = limitProblem(dashboard, view);
  if (problem) throw invalid(problem.message, problem.path);
}

export function compareInterval(view: View, interval: Interval): Interval | null {
  const days = { P1D: 1, P1W: 7, P4W: 28, P1Y: 365 } as const;
  if (view.compare === 'none') return null;
  if (view.compare === 'previous') {
    const span = interval.end - interval.start;
    return { start: interval.start - span, end: interval.start };
  }
  const d = days[view.compare];
  return { start: addLocalDays(interval.start, -d, view.tz), end: addLocalDays(interval.end, -d, view.tz) };
}

export function planPanel(args: {
  dashboard: Dashboard;
  panel: Panel;
  view: View;
  tenant: string;
  dataUntil: number;
  /** Draw the expected range (a time series without split only); default: as the panel says. */
  expected?: boolean;
}): PanelPlan {
  const { dashboard, panel, view, tenant } = args;
  checkView(dashboard, view);
  checkSpan(dashboard, view);
  const { interval, grain } = resolveInterval(view, args.dataUntil, dashboard);
  const span = interval.end - interval.start;
  const buckets = bucketCount(span, grain);
  if (buckets > MAX_BUCKETS) throw invalid(`grain ${grain} is too fine for this range (over ${MAX_BUCKETS} points)`, 'view.grain');

  const measure = (id: string): Measure => dashboard.measures.find((m) => m.id === id)!;
  const base = {
    datasource: dashboard.datasource as DatasourceId,
    tenant,
    interval,
    tz: view.tz,
    filters: view.filters,
  };
  const cmp = compareInterval(view, interval);
  const common = { interval, grain, compareInterval: cmp, dataUntil: args.dataUntil, trend: null, expected: null };
  const shifted = (spec: QuerySpec | null): QuerySpec | null => (spec && cmp ? { ...spec, interval: cmp } : null);
  // A total (KPI, top-N) over a period whose data ends early (its last bucket still filling) is
  // compared with the same stretch of the compared period: like for like for every measure
  // (a count, a distinct count, an average), where a whole compared period would make a part
  // look like a drop. Time series line up bucket by bucket and keep the whole compared period.
  const covered = Math.min(interval.end, args.dataUntil) - interval.start;
  const cmpTotals = cmp && covered > 0 && covered < span ? { start: cmp.start, end: cmp.start + covered } : cmp;
  const totals = { ...common, compareInterval: cmpTotals };
  const shiftedTotals = (spec: QuerySpec): QuerySpec | null => (cmpTotals ? { ...spec, interval: cmpTotals } : null);

  const byTime = { column: 't', dir: 'asc' as const };
  switch (panel.type) {
    case 'kpi': {
      const main: QuerySpec = { ...base, dimensions: [], measures: panel.measures.map(measure), orderBy: [], limit: 1 };
      const columns = panel.measures.map((id) => num(id));
      return { ...totals, series: false, columns, top: null, main, compare: shiftedTotals(main) };
    }
    case 'timeseries': {
      const split = view.split === undefined ? panel.split : view.split;
      const m = measure(panel.measure);
      const expected = args.expected ?? panel.expected ?? false;
      if (!split) {
        const main: QuerySpec = { ...base, bucket: grain, dimensions: [], measures: [m], orderBy: [byTime], limit: buckets };
        return { ...common, series: true, columns: [time(), num(m.id)], top: null, main, compare: shifted(main), expected: expected ? expectedSpecs(main) : null };
      }
      // Asked for explicitly: a band around one of many lines would say nothing about the others.
      if (args.expected) throw invalid('The expected range is drawn around one line: remove the split to see it.', 'expected');
      const top: QuerySpec = { ...base, dimensions: [split], measures: [m], orderBy: byMeasure(m.id, [split]), limit: view.limit };
      const main: QuerySpec = {
        ...base,
        bucket: grain,
        dimensions: [split],
        measures: [m],
        orderBy: [byTime, { column: split, dir: 'asc' }],
        limit: Math.min(MAX_ROWS, buckets * (view.limit + 1)),
      };
      const columns = [time(), text(split), num(m.id)];
      return { ...common, series: true, columns, top, main, compare: shifted(main) };
    }
    case 'topn': {
      const m = measure(panel.measure);
      const main: QuerySpec = {
        ...base,
        dimensions: [panel.dimension],
        measures: [m],
        orderBy: byMeasure(m.id, [panel.dimension]),
        limit: view.limit,
      };
      return { ...totals, series: false, columns: [text(panel.dimension), num(m.id)], top: null, main, compare: shiftedTotals(main) };
    }
    case 'table': {
      const columns = [...panel.dimensions.map(text), ...panel.measures.map(num)];
      const sort = view.sort && columns.some((c) => c.name === view.sort!.by) ? view.sort : undefined;
      const byDims = panel.dimensions.filter((d) => d !== sort?.by).map(asc);
      const sorted = sort ? [{ column: sort.by, dir: sort.dir }] : [];
      const measures = panel.measures.map(measure);
      if (panel.time) {
        // A list of when things happened, to the minute the dashboard resolves: newest first
        // unless sorted otherwise; no compare period (its rows would be other events).
        const finest = dashboard.finestGrain;
        const newest = { column: 't', dir: 'desc' as const };
        const main: QuerySpec = { ...base, bucket: finest, dimensions: panel.dimensions, measures, orderBy: [...sorted, newest, ...byDims], limit: TABLE_ROWS };
        return { ...common, grain: finest, compareInterval: null, series: false, columns: [time(), ...columns], top: null, main, compare: null };
      }
      const orderBy = sort ? [...sorted, ...byDims] : byMeasure(panel.measures[0]!, panel.dimensions);
      const main: QuerySpec = { ...base, dimensions: panel.dimensions, measures, orderBy, limit: TABLE_ROWS };
      return { ...common, series: false, columns, top: null, main, compare: shifted(main) };
    }
    case 'percentiles': {
      const measures = percentileMeasures(measure(panel.measure), panel.percentiles);
      const main: QuerySpec = { ...base, bucket: grain, dimensions: [], measures, orderBy: [byTime], limit: buckets };
      return { ...common, series: true, columns: [time(), ...measures.map((m) => num(m.id))], top: null, main, compare: shifted(main) };
    }
    case 'heatmap': {
      // Hour of day × day of week: a cycle, so there is nothing earlier to compare it with cell by cell.
      const m = measure(panel.measure);
      const main: QuerySpec = {
        ...base,
        timeParts: ['dow', 'hour'],
        dimensions: [],
        measures: [m],
        orderBy: [asc('dow'), asc('hour')],
        limit: HEATMAP_CELLS,
      };
      return { ...common, series: false, columns: [ordinal('dow'), ordinal('hour'), num(m.id)], top: null, main, compare: null };
    }
    case 'sparkline': {
      // The headline is the measure over the whole interval (a sum of buckets is not an average or a p95).
      const m = measure(panel.measure);
      const main: QuerySpec = { ...base, dimensions: [], measures: [m], orderBy: [], limit: 1 };
      const trend: QuerySpec = { ...base, bucket: grain, dimensions: [], measures: [m], orderBy: [byTime], limit: buckets };
      return { ...totals, series: false, columns: [num(m.id)], top: null, main, compare: shiftedTotals(main), trend };
    }
  }
}

/** Cells of an hour-of-day × day-of-week heatmap. */
export const HEATMAP_CELLS = 7 * 24;

/** A percentile's column: p50, p95, p99, p99_9. */
export function percentileId(p: number): string {
  return `p${String(Math.round(p * 1000) / 10).replace('.', '_')}`;
}

/** One measure per percentile: the quantile measure's field and filter, at each p. */
export function percentileMeasures(m: Measure, percentiles: number[]): Measure[] {
  const a = m.aggregate;
  if (a.type !== 'quantile') throw new Error(`${m.id} is not a quantile measure`);
  return percentiles.map((p) => ({ ...m, id: percentileId(p), label: percentileId(p).replace('_', '.'), aggregate: { ...a, p } }));
}

/** Names in a view must come from this dashboard's allowlist; tenant never does. */
export function checkView(dashboard: Dashboard, view: View): void {
  const dims = new Set(dashboard.dimensions.map((d) => d.id));
  view.filters.forEach((f, i) => {
    if (!dims.has(f.dim)) throw invalid(`${f.dim} is not a dimension of ${dashboard.title}`, `view.filters.${i}.dim`);
  });
  if (view.split && !dims.has(view.split)) throw invalid(`${view.split} is not a dimension of ${dashboard.title}`, 'view.split');
  if (view.sort && !dims.has(view.sort.by) && !dashboard.measures.some((m) => m.id === view.sort!.by)) {
    throw invalid(`cannot sort by ${view.sort.by}`, 'view.sort.by');
  }
}

/** Descending by the measure, then by name so ties order the same on every engine. */
function byMeasure(measure: string, dims: string[]): QuerySpec['orderBy'] {
  return [{ column: measure, dir: 'desc' }, ...dims.map(asc)];
}

function asc(column: string) {
  return { column, dir: 'asc' as const };
}
function time(): Column {
  return { name: 't', type: 'time' };
}
function text(name: string): Column {
  return { name, type: 'string' };
}
function ordinal(name: string): Column {
  return { name, type: 'ordinal' };
}
function num(name: string): Column {
  return { name, type: 'number' };
}
