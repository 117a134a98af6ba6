/**
 * Which rollup tier answers a query exactly (lib/dashboards/tiers.ts), as pure planning: the
 * query's interval split into parts, each read from the coarsest table that answers it exactly,
 * which the compiler reads as one UNION ALL (one statement: one snapshot of the table and its
 * tiers, which ingest updates in one transaction).
 *
 * A tier answers a query when
 * - it keeps every dimension the query splits, filters or counts distinct values of, or filters
 *   a measure by (its metric columns are the table's, re-aggregated: counts, sums, min, max and
 *   the quantile value lists roll up exactly, so every measure reads the same);
 * - every time bucket (or hour-of-day / day-of-week cell) the query groups by is a union of
 *   whole tier rows: the grain is at least the tier's, and over the interval the view's zone
 *   keeps an offset that is a whole number of tier grains, changing only on tier boundaries
 *   (hours: any whole-hour zone; days: only where the offset is 0, e.g. UTC or London in
 *   winter). Half-hour and 45-minute zones never align with UTC hours.
 * The part of the interval a tier cannot cover whole (an unaligned start, the open edge at the
 * end) is read from the next finer tier that answers, and finally from the table itself.
 *
 * On Druid the parts are separate queries whose partial aggregates the service merges
 * (lib/service/tier-parts.ts), so a tier answers there only when every measure merges exactly
 * (counts, sums, min, max and what is made of them; not distinct counts or quantile sketches) and
 * the query groups by no hour-of-day or day-of-week cell.
 */
import type { Operand } from '@/lib/dashboards/measure';
import type { Dialect } from '@/lib/dashboards/schema';
import { TIER_MS, type Tier } from '@/lib/dashboards/tiers';
import { DURATION_MS } from '@/lib/view/time';
import { offsetSegments } from '@/lib/view/zoned';
import type { QuerySpec } from './spec';

/** A stretch of the interval and the table that answers it (a tier's, or null: the datasource's own). */
export type SourcePart = { tier: Tier | null; start: number; end: number };

/**
 * Shortest interval read from tiers. Below it the table's rows of one tenant are few, and reading
 * the parts costs more than it saves: on the embedded engine (8 days, 24 tenants, every shipped
 * panel's queries, warm) the last 6 hours and the last day took 1.5 times as long through tiers,
 * the last 7 days half as long. On Druid each part is a query of its own.
 */
export const MIN_TIERED_SPAN_MS = 2 * 86_400_000;

/** The parts to read, or null when no tier helps (the table answers alone, as without tiers). */
export function tierParts(spec: QuerySpec, tiers: readonly Tier[], dialect: Dialect = 'duckdb'): SourcePart[] | null {
  return spec.interval.end - spec.interval.start < MIN_TIERED_SPAN_MS ? null : exactParts(spec, tiers, dialect);
}

/** The parts tiers answer exactly, whatever they cost, or null when none does. */
export function exactParts(spec: QuerySpec, tiers: readonly Tier[], dialect: Dialect = 'duckdb'): SourcePart[] | null {
  if (dialect === 'druid' && !mergesAcrossParts(spec)) return null;
  const usable = tiers.filter((t) => answers(spec, t)).sort((a, b) => TIER_MS[b.grain] - TIER_MS[a.grain]);
  if (!usable.length) return null;
  const parts = split(spec.interval.start, spec.interval.end, usable);
  return parts.some((p) => p.tier) ? parts : null;
}

/** The coarsest tier's whole rows inside [start, end), the rest each side from the finer ones. */
function split(start: number, end: number, coarsestFirst: readonly Tier[]): SourcePart[] {
  if (start >= end) return [];
  const [tier, ...finer] = coarsestFirst;
  if (!tier) return [{ tier: null, start, end }];
  const size = TIER_MS[tier.grain];
  const [from, to] = [Math.ceil(start / size) * size, Math.floor(end / size) * size];
  if (from >= to) return split(start, end, finer);
  return [...split(start, from, finer), { tier, start: from, end: to }, ...split(to, end, finer)];
}

/** The tier's name for the query's time buckets, dimensions and measures are all exact. */
export function answers(spec: QuerySpec, tier: Tier): boolean {
  const kept = new Set(tier.dimensions);
  if (!dimensionsUsed(spec).every((d) => kept.has(d))) return false;
  const size = TIER_MS[tier.grain];
  const grains = [...(spec.bucket ? [DURATION_MS[spec.bucket]] : []), ...(spec.timeParts ?? []).map((p) => DURATION_MS[p === 'hour' ? 'PT1H' : 'P1D'])];
  if (!grains.length) return true;
  // Every grain is a whole number of the tier's (P1W: weeks start on a local midnight).
  if (grains.some((g) => g < size || g % size !== 0)) return false;
  return zoneAligned(spec.tz, spec.interval, size);
}

/** Over the interval (with the compiler's week of margin each side), the zone's offset is a whole number of `size` and changes only on multiples of it. */
export function zoneAligned(tz: string, interval: { start: number; end: number }, size: number): boolean {
  const margin = DURATION_MS.P1W;
  return offsetSegments(tz, interval.start - margin, interval.end + margin).every((s, i) => s.offset % size === 0 && (i === 0 || s.from % size === 0));
}

/** On Druid, every measure merges exactly from per-part partial aggregates (its distinct counts and quantiles are sketches, not value lists), and no row is a time-of-day cell. */
export function mergesAcrossParts(spec: QuerySpec): boolean {
  return !spec.timeParts?.length && operandsOf(spec).every((o) => o.type !== 'distinct' && o.type !== 'quantile');
}

function operandsOf(spec: QuerySpec): Operand[] {
  return spec.measures.flatMap((m): Operand[] => (m.aggregate.type === 'ratio' ? [m.aggregate.numerator, m.aggregate.denominator] : [m.aggregate]));
}

/** Dimensions a query reads: split, filtered, counted distinct, or filtering a measure. */
export function dimensionsUsed(spec: QuerySpec): string[] {
  const fromMeasures = operandsOf(spec).flatMap((o) => [...(o.filter ? [o.filter.dimension] : []), ...(o.type === 'distinct' && o.stored.column ? [o.stored.column] : [])]);
  return [...new Set([...spec.dimensions, ...spec.filters.map((f) => f.dim), ...fromMeasures])];
}

/** The columns a query reads from its source: time, tenant, its dimensions and the measures' stored columns. */
export function columnsUsed(spec: QuerySpec, time: string, tenant: string): string[] {
  const stored = operandsOf(spec).flatMap((o) => [o.stored.column, o.stored.count].filter((c): c is string => c !== null));
  return [...new Set([time, tenant, ...dimensionsUsed(spec), ...stored])];
}

/** The coarsest tier a query reads, or null (the table alone). */
export function coarsestTier(spec: QuerySpec, tiers: readonly Tier[], dialect: Dialect = 'duckdb'): Tier['grain'] | null {
  const read = (tierParts(spec, tiers, dialect) ?? []).flatMap((p) => (p.tier ? [p.tier] : []));
  return read.sort((a, b) => TIER_MS[b.grain] - TIER_MS[a.grain])[0]?.grain ?? null;
}
