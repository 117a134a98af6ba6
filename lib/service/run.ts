import 'server-only';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import type { BucketStore } from '@/lib/cache/bucket-store';
import type { PanelPlan } from '@/lib/query/plan';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import { runBucketed } from './incremental';
import { runSpec } from './run-spec';
import { zeroFill } from './zero-fill';

export type PlanResult = { rows: Row[]; compareRows: Row[] | null; queryMs: number };

/** Where closed time buckets are kept between refreshes, and the series they belong to. */
export type Incremental = { store: BucketStore; key: string; dataUntil: number };

/**
 * Phase one (top-N split values) first when the plan has it; then main and compare together.
 * With `incremental`, time series re-query only the buckets that can still change.
 * Time series come back with their counters' empty buckets as 0 (zero-fill.ts), whichever
 * engine and path answered.
 */
export async function runPlan(engine: Engine, plan: PanelPlan, opts: QueryOptions, incremental?: Incremental): Promise<PlanResult> {
  const started = performance.now();
  let { main, compare } = plan;
  if (plan.top) {
    const keepValues = (await runSpec(engine, plan.top, opts)).map((r) => r[0]).filter((v): v is string => typeof v === 'string');
    if (keepValues.length === 0) return { rows: [], compareRows: compare ? [] : null, queryMs: performance.now() - started };
    main = { ...main, keepValues };
    compare = compare && { ...compare, keepValues };
  }
  const run = (spec: QuerySpec, role: string, o: QueryOptions) => {
    if (!incremental || !spec.bucket || !plan.series) return runSpec(engine, spec, o);
    const key = `${incremental.key}:${role}:${JSON.stringify(spec.keepValues ?? [])}`;
    return runBucketed(engine, { ...spec, bucket: spec.bucket }, incremental.store, key, incremental.dataUntil, o);
  };
  const [rows, compareRows] = await Promise.all([
    run(main, 'main', opts),
    compare ? run(compare, 'cmp', { ...opts, queryId: `${opts.queryId}-cmp` }) : Promise.resolve(null),
  ]);
  if (!main.bucket || !plan.series) return { rows, compareRows, queryMs: performance.now() - started };
  const fill = { grain: main.bucket, tz: main.tz, dimensions: main.dimensions.length, measures: main.measures, limit: main.limit };
  const filled = zeroFill(fill, plan.dataUntil, { rows, interval: main.interval }, compare && compareRows ? { rows: compareRows, interval: compare.interval } : null);
  return { ...filled, queryMs: performance.now() - started };
}
