/**
 * The exact values behind each quantile of a query, per group, from the embedded engine (which
 * keeps every value): the rank-based conformance check (conformance.ts) judges Druid's sketched
 * quantile against them. Same spec, so the same rows, filters and groups; no order or limit,
 * so a group another engine picked for a top-N is there too.
 */
import type { Engine, QueryOptions } from '@/lib/engines/engine';
import { aggregateSql, quantileValuesSql } from '@/lib/query/measure-sql';
import { compile } from '@/lib/query/compile';
import type { Column, PanelPlan } from '@/lib/query/plan';
import type { QuerySpec } from '@/lib/query/spec';
import { topValues } from '@/lib/service/run';
import { MAX_ROWS } from '@/lib/sql/query';
import { rowKey, type ExactValues } from './conformance';

/** The exact values behind a panel's answer: its main rows, its compared period's, a sparkline's trend, an expected range's weeks. */
export type PlanExactValues = { main?: ExactValues; compare?: ExactValues; trend?: ExactValues; expected?: ExactValues[] };

/**
 * A plan's exact values, per group; a split keeps the values the exact engine's own top-N phase
 * picks (a Druid answer that picked others shows up as a group with no exact values).
 */
export async function exactPlanValues(engine: Engine, plan: PanelPlan, opts: QueryOptions): Promise<PlanExactValues> {
  const quantiles = (spec: QuerySpec | null) => spec?.measures.some((m) => m.aggregate.type === 'quantile') ?? false;
  if (!quantiles(plan.main) && !quantiles(plan.trend)) return {};
  const keepValues = plan.top ? await topValues(engine, plan.top, opts) : undefined;
  const keep = (spec: QuerySpec) => (keepValues ? { ...spec, keepValues } : spec);
  const [main, compare, trend, expected] = await Promise.all([
    exactQuantileValues(engine, keep(plan.main), opts),
    plan.compare ? exactQuantileValues(engine, keep(plan.compare), opts) : undefined,
    plan.trend ? exactQuantileValues(engine, plan.trend, opts) : undefined,
    plan.expected ? Promise.all(plan.expected.map((week) => exactQuantileValues(engine, week, opts))) : undefined,
  ]);
  return { main, compare, trend, expected };
}

export async function exactQuantileValues(engine: Engine, spec: QuerySpec, opts: QueryOptions): Promise<ExactValues> {
  const quantiles = spec.measures.filter((m) => m.aggregate.type === 'quantile');
  if (quantiles.length === 0 || engine.dialect !== 'duckdb') return new Map();
  const { sql: compiled, params } = compile({ ...spec, measures: quantiles, orderBy: [], limit: MAX_ROWS }, 'duckdb');
  let sql = compiled;
  for (const m of quantiles) {
    if (m.aggregate.type !== 'quantile') continue;
    const quantile = aggregateSql(m.aggregate, 'duckdb');
    if (!sql.includes(quantile)) throw new Error(`no ${quantile} in ${sql}`);
    sql = sql.replace(quantile, `to_json(list_sort(${quantileValuesSql(m.aggregate)}))::VARCHAR`);
  }
  const rows = await engine.query({ sql, params }, opts);
  const columns: Column[] = [
    ...(spec.bucket ? [{ name: 't', type: 'time' as const }] : []),
    ...spec.dimensions.map((name) => ({ name, type: 'string' as const })),
    ...quantiles.map((m) => ({ name: m.id, type: 'number' as const })),
  ];
  const first = columns.length - quantiles.length;
  return new Map(
    quantiles.map((m, i) => [m.id, new Map(rows.map((row) => [rowKey(columns, row), values(row[first + i])]))]),
  );
}

/** A group's values, ascending, without NULLs (which a raw column's `list` keeps and a quantile skips). */
function values(cell: unknown): number[] {
  return (JSON.parse(String(cell ?? '[]')) as (number | null)[]).filter((v): v is number => v !== null);
}
