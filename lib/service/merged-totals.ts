import 'server-only';
import type { BucketStore } from '@/lib/cache/bucket-store';
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { metrics } from '@/lib/metrics/registry';
import type { QuerySpec } from '@/lib/query/spec';
import type { Row } from '@/lib/sql/cells';
import type { Grain } from '@/lib/view/time';
import { closedAndOpen } from './incremental';
import { partialSpec, recipe, totals, type Recipe } from './partials';
import { runSpec } from './run-spec';

/**
 * Most (bucket, group) partial rows kept for one live total. A table of many groups over many
 * buckets would hold more than its answer is worth: it is asked in full instead.
 */
export const MAX_PARTIAL_ROWS = 20_000;

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
 * What cannot be merged exactly is asked in full, and the metric says why: distinct counts and
 * quantiles (the embedded engine computes them from the values themselves: there is no sketch
 * to merge), a range starting off the grain, more partial rows than MAX_PARTIAL_ROWS, or an
 * engine whose ordering of ties and NULLs is not the one reproduced here (Druid).
 */
export async function runMerged(
  engine: Engine,
  spec: QuerySpec,
  grain: Grain,
  store: BucketStore,
  key: string,
  dataUntil: number,
  opts: QueryOptions,
  maxRows = MAX_PARTIAL_ROWS,
): Promise<Row[]> {
  const fallback = (reason: 'sketch' | 'too_many_groups' | 'unaligned' | 'engine') => {
    metrics().incrementalFallbacks.inc({ reason });
    return runSpec(engine, spec, opts);
  };
  if (engine.dialect !== 'duckdb') return fallback('engine');
  const recipes = spec.measures.map(recipe);
  if (recipes.some((r) => r === null)) return fallback('sketch');
  if (store.refused(key)) return fallback('too_many_groups');
  const partial = { ...partialSpec(spec, recipes as Recipe[], maxRows), bucket: spec.bucket ?? grain, orderBy: [{ column: 't', dir: 'asc' as const }] };
  const got = await closedAndOpen(engine, partial, store, key, dataUntil, opts);
  if (!got) return fallback('unaligned');
  if (got.cut || got.rows.length > maxRows) {
    store.refuse(key);
    return fallback('too_many_groups');
  }
  if (got.reused) metrics().incrementalRefreshes.inc({ shape: 'totals' });
  return totals(spec, recipes as Recipe[], got.rows);
}

