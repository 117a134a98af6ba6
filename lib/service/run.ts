import 'server-only';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import type { BucketStore } from '@/lib/cache/bucket-store';
import type { PanelPlan } from '@/lib/query/plan';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import { DURATION_MS } from '@/lib/view/time';
import { LATENESS_MS, runBucketed } from './incremental';
import { runMerged } from './merged-totals';
import { runSpec } from './run-spec';
import { zeroFill, zeroFillCells } from './zero-fill';

export type PlanResult = { rows: Row[]; compareRows: Row[] | null; trendRows: Row[] | null; queryMs: number; expectedRows?: Row[][] };

/** Phase one of a split: the split values its top-N keeps by name (NULL is not a name). */
export async function topValues(engine: Engine, top: QuerySpec, opts: QueryOptions): Promise<string[]> {
  return (await runSpec(engine, top, opts)).map((r) => r[0]).filter((v): v is string => typeof v === 'string');
}

/** Where closed time buckets are kept between refreshes, and the series they belong to. */
export type Incremental = { store: BucketStore; key: string; dataUntil: number };

/**
 * Phase one (top-N split values) first when the plan has it; then main and compare together.
 * With `incremental`, time series re-query only the buckets that can still change, and so do the
 * totals (KPI, top-N, table) of a range that is still open, through their partial aggregates.
 * Time series come back with their counters' empty buckets as 0 (zero-fill.ts), whichever
 * engine and path answered.
 */
export async function runPlan(engine: Engine, plan: PanelPlan, opts: QueryOptions, incremental?: Incremental): Promise<PlanResult> {
  const started = performance.now();
  let { main, compare } = plan;
  if (plan.top) {
    const keepValues = await topValues(engine, plan.top, opts);
    if (keepValues.length === 0) return { rows: [], compareRows: compare ? [] : null, trendRows: null, queryMs: performance.now() - started };
    main = { ...main, keepValues };
    compare = compare && { ...compare, keepValues };
  }
  // A closed range's answer never changes (the answer cache keeps it): partials would only cost.
  const live = incremental && plan.interval.end > incremental.dataUntil - LATENESS_MS - DURATION_MS[plan.grain];
  const run = (spec: QuerySpec, role: string, o: QueryOptions) => {
    if (!incremental) return runSpec(engine, spec, o);
    const key = `${incremental.key}:${role}:${JSON.stringify(spec.keepValues ?? [])}`;
    if (spec.bucket && plan.series) return runBucketed(engine, { ...spec, bucket: spec.bucket }, incremental.store, key, incremental.dataUntil, o);
    if (live && !plan.series && !spec.timeParts && (role === 'main' || role === 'cmp')) {
      return runMerged(engine, spec, plan.grain, incremental.store, `${key}:totals`, incremental.dataUntil, o);
    }
    return runSpec(engine, spec, o);
  };
  const { trend } = plan;
  // The weeks before are history: their buckets are closed, so a refresh finds them in the bucket store.
  const weeks = plan.expected ?? [];
  const [rows, compareRows, trendRows, ...weekRows] = await Promise.all([
    run(main, 'main', opts),
    compare ? run(compare, 'cmp', { ...opts, queryId: `${opts.queryId}-cmp` }) : Promise.resolve(null),
    trend ? run(trend, 'trend', { ...opts, queryId: `${opts.queryId}-trend` }) : Promise.resolve(null),
    ...weeks.map((w, i) => run(w, `week${i + 1}`, { ...opts, queryId: `${opts.queryId}-week${i + 1}` })),
  ]);
  const filled = (spec: QuerySpec & { bucket: NonNullable<QuerySpec['bucket']> }, r: Row[], cmp: { rows: Row[]; interval: QuerySpec['interval'] } | null) =>
    zeroFill({ grain: spec.bucket, tz: spec.tz, dimensions: spec.dimensions.length, measures: spec.measures, limit: spec.limit }, plan.dataUntil, { rows: r, interval: spec.interval }, cmp);
  const trendFilled = trend?.bucket && trendRows ? filled({ ...trend, bucket: trend.bucket }, trendRows, null).rows : null;
  const queryMs = () => performance.now() - started;
  if (main.timeParts) return { rows: zeroFillCells(main, plan.dataUntil, { rows, interval: main.interval }), compareRows, trendRows: trendFilled, queryMs: queryMs() };
  if (!main.bucket || !plan.series) return { rows, compareRows, trendRows: trendFilled, queryMs: queryMs() };
  const both = filled({ ...main, bucket: main.bucket }, rows, compare && compareRows ? { rows: compareRows, interval: compare.interval } : null);
  const expectedRows = weeks.length ? weeks.map((w, i) => filled({ ...w, bucket: main.bucket! }, weekRows[i]!, null).rows) : undefined;
  return { ...both, trendRows: trendFilled, queryMs: queryMs(), ...(expectedRows ? { expectedRows } : {}) };
}
