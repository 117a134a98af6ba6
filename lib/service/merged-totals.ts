import 'server-only';
import type { BucketStore } from '@/lib/cache/bucket-store';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import type { Grain } from '@/lib/view/time';
import { closedAndOpen } from './incremental';
import { listsValues, partialSpec, recipe, totals } from './partials';
import { runSpec } from './run-spec';

/**
 * Most (bucket, group) partial rows kept for one live total. A table of many groups over many
 * buckets would hold more than its answer is worth: it is asked in full instead.
 */
export const MAX_PARTIAL_ROWS = 20_000;
/**
 * Most characters of value lists (distinct counts' values, quantiles' values) kept for one live
 * total: a quantile over a busy range reads every event's value, which is the whole range again.
 */
export const MAX_PARTIAL_LIST_CHARS = 4_000_000;

/**
 * Live KPI, top-N and table answers (totals over a range, per group), refreshed without
 * re-scanning the range: the spec is asked as partial aggregates per bucket of the view's grain
 * and group (sums, counts, min, max; an average or a ratio as its numerator and denominator),
 * closed buckets are kept in the bucket store as a series is, and a refresh asks the engine only
 * for the buckets from the open edge on. The answer sums the buckets the range still holds, so a
 * moving window's leading edge is exact: buckets that left the window are simply not summed (the
 * store drops them), which subtraction could not do for min and max. Then every group's measures
 * are derived from its merged partials (never an average of averages), ranked, and cut to the limit.
 *
 * Distinct counts and quantiles merge too, exactly as the embedded engine computes them: each
 * bucket and group keeps its distinct values (a set, merged as a union) or all its values (merged
 * as one list, whose quantile is interpolated as DuckDB does, lib/service/quantile.ts).
 *
 * On Druid, sums, counts, min, max, averages and ratios of them merge alike (ordered as Druid
 * orders, NULLs smallest); its distinct counts and quantiles are sketches (HLL, quantiles
 * sketches) whose binary form the service cannot union, so a total with one is asked in full.
 *
 * What cannot be merged exactly is asked in full, and the metric says why: a range starting off
 * the grain, more partial rows than MAX_PARTIAL_ROWS or more listed values than
 * MAX_PARTIAL_LIST_CHARS, or a sketch.
 */
export async function runMerged(
  engine: Engine,
  spec: QuerySpec,
  grain: Grain,
  store: BucketStore,
  key: string,
  dataUntil: number,
  opts: QueryOptions,
  bounds = { rows: MAX_PARTIAL_ROWS, listChars: MAX_PARTIAL_LIST_CHARS },
): Promise<Row[]> {
  const fallback = (reason: 'too_many_groups' | 'too_many_values' | 'unaligned' | 'sketch') => {
    metrics().incrementalFallbacks.inc({ reason });
    return runSpec(engine, spec, opts);
  };
  const recipes = spec.measures.map(recipe);
  if (engine.dialect === 'druid' && recipes.some(listsValues)) return fallback('sketch');
  const refused = store.refused(key);
  if (refused) return fallback(refused);
  const partial = { ...partialSpec(spec, recipes, bounds.rows), bucket: spec.bucket ?? grain, orderBy: [{ column: 't', dir: 'asc' as const }] };
  const got = await closedAndOpen(engine, partial, store, key, dataUntil, opts);
  if (!got) return fallback('unaligned');
  const over = got.cut || got.rows.length > bounds.rows ? 'too_many_groups' : listChars(got.rows, 1 + spec.dimensions.length) > bounds.listChars ? 'too_many_values' : null;
  if (over) {
    store.refuse(key, over);
    return fallback(over);
  }
  if (got.reused) metrics().incrementalRefreshes.inc({ shape: 'totals' });
  return totals(spec, recipes, got.rows, engine.dialect);
}

/** Characters of the value lists (the JSON text among the partials) in partial rows [t, ...dimensions, ...parts]. */
function listChars(rows: Row[], keyWidth: number): number {
  let chars = 0;
  for (const row of rows) for (let i = keyWidth; i < row.length; i++) if (typeof row[i] === 'string') chars += (row[i] as string).length;
  return chars;
}

