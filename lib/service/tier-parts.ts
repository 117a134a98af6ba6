import 'server-only';
import { metrics } from '@/lib/metrics/registry';
import type { Dialect } from '@/lib/dashboards/schema';
import type { QuerySpec } from '@/lib/query/spec';
import type { SourcePart } from '@/lib/query/tiers';
import type { Row } from '@/lib/sql/cells';
import { partialSpec, recipe, totals } from './partials';

/** Most partial rows one part may return before the query is asked of the datasource alone. */
export const MAX_TIER_PART_ROWS = 20_000;

/**
 * A Druid query answered from its tier parts (lib/query/tiers.ts): each part (the coarsest tier's
 * whole hours or days, the unaligned edges from finer tiers or the datasource) is asked as
 * partial aggregates per bucket and group, and the parts are merged as one answer. Druid cannot
 * run one statement over the parts: `UNION ALL` in FROM unions whole tables, without each part's
 * own time filter. Null when a part holds more than MAX_TIER_PART_ROWS groups (the caller asks
 * the datasource, as without tiers); the planner offers only specs whose measures all merge.
 * `dialect`: the engine the parts are asked of, whose order the merged rows take.
 */
export async function runTierParts(spec: QuerySpec, parts: SourcePart[], run: (part: QuerySpec, index: number) => Promise<Row[]>, dialect: Dialect, maxRows = MAX_TIER_PART_ROWS): Promise<Row[] | null> {
  const recipes = spec.measures.map(recipe);
  const partial = partialSpec(spec, recipes, maxRows);
  const answers = await Promise.all(parts.map((p, i) => run({ ...partial, datasource: p.tier?.table ?? spec.datasource, interval: { start: p.start, end: p.end } }, i)));
  if (answers.some((rows) => rows.length > maxRows)) {
    metrics().tierReads.inc({ outcome: 'too_many_groups' });
    return null;
  }
  metrics().tierReads.inc({ outcome: 'merged' });
  // `totals` reads [t, ...dimensions, ...parts]; a total's parts have no time column to merge by.
  const rows = answers.flat();
  return totals(spec, recipes, spec.bucket ? rows : rows.map((r) => [null, ...r]), dialect);
}
