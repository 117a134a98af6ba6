/**
 * Rollup tiers: besides its table (the ingest grain), a rolled-up datasource keeps hour and day
 * tables on the embedded engine, rows keyed by UTC hour or day, tenant and the dimensions the
 * tier keeps, holding the same metric columns re-aggregated (counts and sums summed, min of
 * mins, max of maxes, quantile value lists joined). So every measure's SQL reads a tier exactly
 * as it reads the table; the planner (lib/query/tiers.ts) decides when a tier answers exactly.
 */
import type { Datasource, TierGrain } from './datasource-schema';

export type Tier = { grain: TierGrain; table: string; dimensions: string[] };

export const TIER_MS: Record<TierGrain, number> = { hour: 3_600_000, day: 86_400_000 };

/** A datasource's tiers, finest first: as declared, or every grain coarser than its own (none without rollup). */
export function datasourceTiers(ds: Datasource): Tier[] {
  if (ds.granularity === 'none') return [];
  const all = ds.dimensions.map((d) => d.name);
  const declared = ds.tiers ?? (ds.granularity === 'hour' ? [{ grain: 'day' as const }] : [{ grain: 'hour' as const }, { grain: 'day' as const }]);
  return declared
    // In declared order: the tier's columns follow the table's.
    .map((t) => ({ grain: t.grain, table: tierTable(ds.id, t.grain), dimensions: all.filter((d) => !t.dimensions || t.dimensions.includes(d)) }))
    .sort((a, b) => TIER_MS[a.grain] - TIER_MS[b.grain]);
}

/** The tier's table: the datasource's id and the grain, which no declared id can take (ids have no "__"). */
export function tierTable(datasource: string, grain: TierGrain): string {
  return `${datasource}__${grain}`;
}
