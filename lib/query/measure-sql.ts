/**
 * A typed measure as SQL of one dialect. The embedded engine aggregates raw rows; Druid
 * aggregates its rolled-up columns: a count is the sum of the rollup's row counts, an average
 * is a sum over that count, distinct counts and quantiles read sketches. Counts are COALESCEd
 * on Druid, where SUM over no rows is NULL while COUNT(*) is 0; a ratio over a zero
 * denominator is NULL on both (not Infinity or NaN).
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
  const where = o.filter ? ` FILTER (WHERE ${filterSql(o.filter)})` : '';
  const agg = (fn: string, arg: string) => `${fn}(${arg})${where}`;
  if (dialect === 'duckdb') {
    const field = () => quoteIdent(o.field!);
    switch (o.type) {
      case 'count':
        return agg('COUNT', '*');
      case 'sum':
      case 'min':
      case 'max':
        return agg(o.type.toUpperCase(), field());
      case 'avg':
        return `${agg('SUM', field())} / ${agg('COUNT', '*')}`;
      case 'distinct':
        return agg('COUNT', `DISTINCT ${field()}`);
      case 'quantile':
        return agg('quantile_cont', `${field()}, ${o.p}`);
    }
  }
  const col = () => quoteIdent(o.druid.column!);
  const rows = o.druid.count ? agg('SUM', quoteIdent(o.druid.count)) : agg('COUNT', '*');
  switch (o.type) {
    case 'count':
      return o.druid.count ? `COALESCE(${rows}, 0)` : rows;
    case 'sum':
    case 'min':
    case 'max':
      return agg(o.type.toUpperCase(), col());
    case 'avg': {
      const sum = agg('SUM', col());
      return `${o.druid.double ? sum : `CAST(${sum} AS DOUBLE)`} / ${rows}`;
    }
    case 'distinct':
      return agg('APPROX_COUNT_DISTINCT_DS_HLL', col());
    case 'quantile':
      return agg('APPROX_QUANTILE_DS', `${col()}, ${o.p}`);
  }
}

function filterSql(f: MeasureFilter): string {
  const col = quoteIdent(f.dimension);
  return f.in.length === 1 ? `${col} = ${quoteLiteral(f.in[0]!)}` : `${col} IN (${f.in.map(quoteLiteral).join(', ')})`;
}
