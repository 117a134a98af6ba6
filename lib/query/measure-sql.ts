/**
 * A typed measure as SQL of one dialect. Both engines hold the same rolled-up columns (a
 * datasource without rollup keeps raw rows on both): a count is the sum of the rollup's row
 * counts, an average a sum over that count. Where they differ: Druid sketches distinct counts
 * and quantiles, while the embedded engine is exact (the dimension's values, and the lists of
 * values its rolled-up rows keep for each quantile). Counts are COALESCEd, as SUM over no rows
 * is NULL while COUNT(*) is 0; a ratio over a zero denominator is NULL on both (not Infinity or NaN).
 */
import type { Aggregate, MeasureFilter, Operand } from '@/lib/dashboards/measure';
import type { Dialect } from '@/lib/dashboards/schema';
import { quoteIdent, quoteLiteral } from '@/lib/sql/query';

export function aggregateSql(a: Aggregate, dialect: Dialect): string {
  if (a.type !== 'ratio') return operandSql(a, dialect);
  const [num, den] = [operandSql(a.numerator, dialect), operandSql(a.denominator, dialect)];
  return dialect === 'duckdb' ? `${num} * 1.0 / NULLIF(${den}, 0)` : `CAST(${num} AS DOUBLE) / NULLIF(${den}, 0)`;
}

function operandSql(o: Operand, dialect: Dialect): string {
  if (o.values) return valuesSql(o, dialect);
  const where = filterClause(o);
  const agg = (fn: string, arg: string) => `${fn}(${arg})${where}`;
  const col = () => quoteIdent(o.stored.column!);
  const rows = o.stored.count ? agg('SUM', quoteIdent(o.stored.count)) : agg('COUNT', '*');
  switch (o.type) {
    case 'count':
      return o.stored.count ? `COALESCE(${rows}, 0)` : rows;
    case 'sum':
    case 'min':
    case 'max':
      return agg(o.type.toUpperCase(), col());
    case 'avg': {
      // DuckDB's `/` divides as doubles; Druid's divides integers as integers.
      const sum = agg('SUM', col());
      return `${dialect === 'duckdb' || o.stored.double ? sum : `CAST(${sum} AS DOUBLE)`} / ${rows}`;
    }
    case 'distinct':
      return dialect === 'duckdb' ? agg('COUNT', `DISTINCT ${col()}`) : agg('APPROX_COUNT_DISTINCT_DS_HLL', col());
    case 'quantile':
      return dialect === 'duckdb' ? `list_aggregate(${quantileValuesSql(o)}, 'quantile_cont', ${o.p})` : agg('APPROX_QUANTILE_DS', `${col()}, ${o.p}`);
  }
}

/** DuckDB: every value behind a quantile, as one list: the rolled-up rows' lists joined, or the raw column's values. */
export function quantileValuesSql(o: Operand): string {
  const col = quoteIdent(o.stored.column!);
  return o.stored.count ? `flatten(list(${col})${filterClause(o)})` : `list(${col})${filterClause(o)}`;
}

/**
 * DuckDB: the values behind a distinct count (each once, NULL not counted) or a quantile (all of
 * them), as JSON text, so that reads of adjoining ranges merge into the exact measure.
 */
function valuesSql(o: Operand, dialect: Dialect): string {
  if (dialect !== 'duckdb' || (o.type !== 'distinct' && o.type !== 'quantile')) throw new Error(`a ${o.type} measure has no value list on ${dialect}`);
  const col = quoteIdent(o.stored.column!);
  const list = o.type === 'distinct' ? `list(DISTINCT ${col}) FILTER (WHERE ${col} IS NOT NULL${o.filter ? ` AND ${filterSql(o.filter)}` : ''})` : quantileValuesSql(o);
  return `CAST(to_json(${list}) AS VARCHAR)`;
}

function filterClause(o: Operand): string {
  return o.filter ? ` FILTER (WHERE ${filterSql(o.filter)})` : '';
}

function filterSql(f: MeasureFilter): string {
  const col = quoteIdent(f.dimension);
  return f.in.length === 1 ? `${col} = ${quoteLiteral(f.in[0]!)}` : `${col} IN (${f.in.map(quoteLiteral).join(', ')})`;
}
