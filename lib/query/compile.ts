/**
 * QuerySpec → SQL for one dialect: a pure function that returns the SQL text together with
 * its bound parameters. Identifiers come only from the allowlisted spec and are quoted;
 * every value from a request is a `?` parameter. Time is filtered on the raw column so both
 * engines can prune by time (Druid segments, DuckDB zone maps).
 */
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import type { Dialect } from '@/lib/dashboards/schema';
import type { Tier } from '@/lib/dashboards/tiers';
import type { Filter } from '@/lib/view/schema';
import { DURATION_MS, type Grain } from '@/lib/view/time';
import { offsetSegments } from '@/lib/view/zoned';
import { MAX_ROWS, quoteIdent, type CompiledQuery, type Param } from '@/lib/sql/query';
import { aggregateSql } from './measure-sql';
import type { QuerySpec, TimePart } from './spec';
import { columnsUsed, tierParts, type SourcePart } from './tiers';

/** `tiers`: the datasource's rollup tiers the engine keeps (lib/query/tiers.ts picks the parts they answer). */
export function compile(spec: QuerySpec, dialect: Dialect, tiers: readonly Tier[] = []): CompiledQuery {
  const params: Param[] = [];
  const bind = (p: Param) => {
    params.push(p);
    return '?';
  };
  const time = quoteIdent(TIME_COLUMN[dialect]);

  const select: string[] = [];
  if (spec.bucket) select.push(`${bucketExpr(dialect, time, spec.bucket, spec, bind)} AS "t"`);
  for (const part of spec.timeParts ?? []) select.push(`${timePartExpr(dialect, time, part, spec, bind)} AS ${quoteIdent(part)}`);
  spec.dimensions.forEach((dim, i) => {
    const col = quoteIdent(dim);
    const keep = i === 0 && spec.keepValues;
    select.push(keep ? `CASE WHEN ${col} IN (${keep.map((v) => bind(str(v))).join(', ')}) THEN ${col} END AS ${col}` : col);
  });
  for (const m of spec.measures) select.push(`${aggregateSql(m.aggregate, dialect)} AS ${quoteIdent(m.id)}`);

  // Bound after the SELECT list's parameters and before the WHERE's, in the order the text reads.
  const parts = dialect === 'duckdb' ? tierParts(spec, tiers) : null;
  const from = parts ? `(${partsSql(spec, parts, time, bind)}) AS ${quoteIdent(spec.datasource)}` : quoteIdent(spec.datasource);

  const where = [
    `${quoteIdent(TENANT_COLUMN)} = ${bind(str(spec.tenant))}`,
    `${time} >= ${instant(dialect, spec.interval.start, bind)}`,
    `${time} < ${instant(dialect, spec.interval.end, bind)}`,
    ...spec.filters.map((f) => filterSql(dialect, f, bind)),
  ];

  const groupCount = (spec.bucket ? 1 : 0) + (spec.timeParts?.length ?? 0) + spec.dimensions.length;
  const lines = [`SELECT ${select.join(', ')}`, `FROM ${from}`, `WHERE ${where.join('\n  AND ')}`];
  if (groupCount) lines.push(`GROUP BY ${Array.from({ length: groupCount }, (_, i) => i + 1).join(', ')}`);
  if (spec.orderBy.length) {
    lines.push(`ORDER BY ${spec.orderBy.map((o) => `${quoteIdent(o.column)} ${o.dir.toUpperCase()}`).join(', ')}`);
  }
  lines.push(`LIMIT ${rowLimit(spec.limit)}`);
  return { sql: lines.join('\n'), params };
}

/** The interval's parts, each from its tier's table (or the datasource's), as one UNION ALL of the columns the query reads. */
function partsSql(spec: QuerySpec, parts: SourcePart[], time: string, bind: (p: Param) => string): string {
  const cols = columnsUsed(spec, TIME_COLUMN.duckdb, TENANT_COLUMN).map(quoteIdent).join(', ');
  return parts
    .map((p) => {
      const table = quoteIdent(p.tier?.table ?? spec.datasource);
      const tenant = `${quoteIdent(TENANT_COLUMN)} = ${bind(str(spec.tenant))}`;
      return `SELECT ${cols} FROM ${table} WHERE ${tenant} AND ${time} >= ${instant('duckdb', p.start, bind)} AND ${time} < ${instant('duckdb', p.end, bind)}`;
    })
    .join('\n  UNION ALL ');
}

function rowLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`bad limit ${limit}`);
  return Math.min(limit, MAX_ROWS);
}

function str(value: string): Param {
  return { type: 'VARCHAR', value };
}

/**
 * Druid floors in the zone of the query context (sqlTimeZone). DuckDB's zone-aware time_bucket
 * calls ICU per row, about ten times slower than integer arithmetic, so the zone's offsets over
 * the interval are bound as parameters and the bucket is computed on epoch milliseconds:
 * local = utc + offset(utc); floored = floor(local); the bucket starts at the latest instant at
 * or before the event whose wall time is `floored` (as `floorToGrain` does): `floored - offset`
 * when that lies in the event's own offset segment, else `floored - offset of the segment
 * before`. So the hour that repeats when clocks fall back is two buckets, not one.
 */
function bucketExpr(dialect: Dialect, time: string, grain: Grain, spec: QuerySpec, bind: (p: Param) => string): string {
  if (dialect === 'druid') return `TIMESTAMP_TO_MILLIS(TIME_FLOOR(${time}, '${grain}'))`;
  const { segments, big, utc, offset, bySegment } = zoneSql(time, spec, bind);
  const size = DURATION_MS[grain];
  const floorOf = (local: string) => (grain === 'P1W' ? `((${local} - ${MONDAY_MS}) // ${size} * ${size} + ${MONDAY_MS})` : `(${local} // ${size} * ${size})`);
  if (segments.length === 1) {
    const offset = segments[0]!.offset;
    return `(${floorOf(`(${utc()} + ${big(offset)})`)} - ${big(offset)})`;
  }
  const floored = () => floorOf(`(${utc()} + ${offset()})`);
  const sameSegment = () => `(${floored()} - ${offset()})`;
  const segmentStart = () => bySegment((i) => segments[i]!.from);
  const previousOffset = () => bySegment((i) => segments[Math.max(0, i - 1)]!.offset);
  // Rendered left to right, as the parameters are bound.
  return `(CASE WHEN ${sameSegment()} >= ${segmentStart()} THEN ${sameSegment()} ELSE ${floored()} - ${previousOffset()} END)`;
}

/**
 * The zone's UTC offsets over the interval (a week's margin each side) as bound parameters:
 * `offset()` renders the offset of each row's own instant, so local wall time is utc + offset.
 */
function zoneSql(time: string, spec: QuerySpec, bind: (p: Param) => string) {
  const margin = DURATION_MS.P1W;
  const segments = offsetSegments(spec.tz, spec.interval.start - margin, spec.interval.end + margin);
  const big = (n: number) => bind({ type: 'BIGINT', value: n });
  const utc = () => `epoch_ms(${time})`;
  // Positional parameters cannot be reused, so each use of a sub-expression renders (and binds) it afresh.
  const bySegment = (pick: (i: number) => number) =>
    segments.length === 1
      ? big(pick(0))
      : `CASE ${segments
          .slice(1)
          .map((seg, i) => `WHEN ${utc()} < ${big(seg.from)} THEN ${big(pick(i))}`)
          .join(' ')} ELSE ${big(pick(segments.length - 1))} END`;
  const offset = () => bySegment((i) => segments[i]!.offset);
  return { segments, big, utc, offset, bySegment };
}

/**
 * A part of each row's wall-clock time in the view's zone, DST included: Druid extracts it in
 * the query's sqlTimeZone; DuckDB from utc + the offset in force at that instant (so the hour
 * that repeats when clocks fall back is the same hour of day twice).
 */
function timePartExpr(dialect: Dialect, time: string, part: TimePart, spec: QuerySpec, bind: (p: Param) => string): string {
  if (dialect === 'druid') return `TIME_EXTRACT(${time}, '${part === 'dow' ? 'ISODOW' : 'HOUR'}')`;
  const { utc, offset } = zoneSql(time, spec, bind);
  const local = `(${utc()} + ${offset()})`;
  // 1970-01-01 was a Thursday, ISO day 4.
  return part === 'hour' ? `(${local} // ${DURATION_MS.PT1H} % 24)` : `((${local} // ${DURATION_MS.P1D} + 3) % 7 + 1)`;
}

/** 1970-01-05, the first Monday: ISO weeks start on Mondays on both engines. */
const MONDAY_MS = 4 * 86_400_000;

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
