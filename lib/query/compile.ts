/**
 * QuerySpec → SQL for one dialect: a pure function that returns the SQL text together with
 * its bound parameters. Identifiers come only from the allowlisted spec and are quoted;
 * every value from a request is a `?` parameter. Time is filtered on the raw column so both
 * engines can prune by time (Druid segments, DuckDB zone maps).
 */
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import { measureSql, type Dialect } from '@/lib/dashboards/schema';
import type { Filter } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { MAX_ROWS, type CompiledQuery, type Param, type QuerySpec } from './spec';

const DUCKDB_INTERVAL: Record<Grain, string> = {
  PT1M: '1 minute',
  PT5M: '5 minutes',
  PT15M: '15 minutes',
  PT1H: '1 hour',
  P1D: '1 day',
  P1W: '1 week',
};

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return `"${name}"`;
}

export function compile(spec: QuerySpec, dialect: Dialect): CompiledQuery {
  const params: Param[] = [];
  const bind = (p: Param) => {
    params.push(p);
    return '?';
  };
  const time = quoteIdent(TIME_COLUMN[dialect]);

  const select: string[] = [];
  if (spec.bucket) select.push(`${bucketExpr(dialect, time, spec.bucket, spec.tz, bind)} AS "t"`);
  spec.dimensions.forEach((dim, i) => {
    const col = quoteIdent(dim);
    const keep = i === 0 && spec.keepValues;
    select.push(keep ? `CASE WHEN ${col} IN (${keep.map((v) => bind(str(v))).join(', ')}) THEN ${col} END AS ${col}` : col);
  });
  for (const m of spec.measures) select.push(`${measureSql(m, dialect)} AS ${quoteIdent(m.id)}`);

  const where = [
    `${quoteIdent(TENANT_COLUMN)} = ${bind(str(spec.tenant))}`,
    `${time} >= ${instant(dialect, spec.interval.start, bind)}`,
    `${time} < ${instant(dialect, spec.interval.end, bind)}`,
    ...spec.filters.map((f) => filterSql(dialect, f, bind)),
  ];

  const groupCount = (spec.bucket ? 1 : 0) + spec.dimensions.length;
  const lines = [`SELECT ${select.join(', ')}`, `FROM ${quoteIdent(spec.datasource)}`, `WHERE ${where.join('\n  AND ')}`];
  if (groupCount) lines.push(`GROUP BY ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')}`);
  if (spec.orderBy.length) {
    lines.push(`ORDER BY ${spec.orderBy.map((o) => `${quoteIdent(o.column)} ${o.dir.toUpperCase()}`).join(', ')}`);
  }
  lines.push(`LIMIT ${rowLimit(spec.limit)}`);
  return { sql: lines.join('\n'), params };
}

function rowLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`bad limit ${limit}`);
  return Math.min(limit, MAX_ROWS);
}

function str(value: string): Param {
  return { type: 'VARCHAR', value };
}

/** DuckDB takes the zone as a parameter; Druid takes it from the query context (sqlTimeZone). */
function bucketExpr(dialect: Dialect, time: string, grain: Grain, tz: string, bind: (p: Param) => string): string {
  if (dialect === 'duckdb') {
    return `epoch_ms(time_bucket(INTERVAL '${DUCKDB_INTERVAL[grain]}', ${time}, ${bind(str(tz))}))`;
  }
  return `TIMESTAMP_TO_MILLIS(TIME_FLOOR(${time}, '${grain}'))`;
}

function instant(dialect: Dialect, ms: number, bind: (p: Param) => string): string {
  if (dialect === 'duckdb') return `${bind(str(new Date(ms).toISOString()))}::TIMESTAMPTZ`;
  return `MILLIS_TO_TIMESTAMP(${bind({ type: 'BIGINT', value: ms })})`;
}

function filterSql(dialect: Dialect, f: Filter, bind: (p: Param) => string): string {
  const col = quoteIdent(f.dim);
  const list = () => f.values.map((v) => bind(str(v))).join(', ');
  switch (f.op) {
    case 'in':
      return `${col} IN (${list()})`;
    case 'not_in':
      return `(${col} NOT IN (${list()}) OR ${col} IS NULL)`;
    case 'contains': {
      const one = (v: string) =>
        dialect === 'duckdb' ? `contains(lower(${col}), lower(${bind(str(v))}))` : `ICONTAINS_STRING(${col}, ${bind(str(v))})`;
      return `(${f.values.map(one).join(' OR ')})`;
    }
  }
}
