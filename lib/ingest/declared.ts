/**
 * What a datasource declaration implies for ingest on the embedded engine: its table and the
 * schema of its Kafka events. A rolled-up datasource's table holds what Druid's holds: rows
 * rolled up to the declared granularity (time truncated, tenant, dimensions), a count column and
 * each declared metric; a `quantiles` metric keeps the list of its field's values, so quantiles
 * stay exact on this engine. Without rollup ('none') the table keeps raw rows, one column per
 * field. The time field becomes `ts`, the tenant field `tenant`.
 */
import { z } from 'zod';
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import type { Tier } from '@/lib/dashboards/tiers';
import { quoteIdent } from '@/lib/sql/query';

const DUCKDB_TYPE = { long: 'BIGINT', double: 'DOUBLE' } as const;
const GRANULARITY_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** The raw event's columns in order, with their DuckDB types: what generators and the Kafka consumer produce. */
function rawColumns(ds: Datasource): [string, string][] {
  return [
    [TIME_COLUMN.duckdb, 'TIMESTAMPTZ NOT NULL'],
    [TENANT_COLUMN, 'VARCHAR NOT NULL'],
    ...ds.dimensions.map((d): [string, string] => [d.name, 'VARCHAR']),
    ...ds.fields.map((f): [string, string] => [f.name, DUCKDB_TYPE[f.type]]),
  ];
}

/** Columns in table order, with their DuckDB types. */
export function tableColumns(ds: Datasource): [string, string][] {
  if (ds.granularity === 'none') return rawColumns(ds);
  const fieldType = (name: string) => DUCKDB_TYPE[ds.fields.find((f) => f.name === name)!.type];
  return [
    ...rawColumns(ds).slice(0, 2 + ds.dimensions.length),
    ...ds.metrics.map((m): [string, string] => [m.name, m.type === 'count' ? 'BIGINT' : m.type === 'quantiles' ? 'DOUBLE[]' : fieldType(m.field!)]),
  ];
}

export function tableSql(ds: Datasource): string {
  return createSql(ds.id, tableColumns(ds));
}

/** A tier's columns: the table's, less the dimensions it does not keep. */
export function tierColumns(ds: Datasource, tier: Tier): [string, string][] {
  const dropped = new Set(ds.dimensions.map((d) => d.name).filter((d) => !tier.dimensions.includes(d)));
  return tableColumns(ds).filter(([c]) => !dropped.has(c));
}

/** A tier's table; `replace`: made anew, whatever shape a kept file held it in. */
export function tierTableSql(ds: Datasource, tier: Tier, replace = false): string {
  return createSql(tier.table, tierColumns(ds, tier), replace);
}

function createSql(table: string, columns: [string, string][], replace = false): string {
  return `${replace ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE IF NOT EXISTS'} ${quoteIdent(table)} (${columns.map(([c, t]) => `${quoteIdent(c)} ${t}`).join(', ')});`;
}

/** Every declared datasource's table (its tiers' tables are made by buildTiers, when tiers are on). */
export function schemaSql(datasources: Datasource[]): string {
  return datasources.map(tableSql).join('\n');
}

/**
 * The rows to append for `raw`, a SELECT of raw events (named columns: ts, tenant, dimensions,
 * fields): rolled up to the declared granularity as Druid rolls them (best effort, as Druid's
 * without perfect rollup: each append rolls up its own events), in table order.
 */
export function rollupSql(ds: Datasource, raw: string): string {
  if (ds.granularity === 'none') return `SELECT ${rawColumns(ds).map(([c]) => quoteIdent(c)).join(', ')} FROM (${raw})`;
  const ms = GRANULARITY_MS[ds.granularity];
  const keys = [TENANT_COLUMN, ...ds.dimensions.map((d) => d.name)].map(quoteIdent);
  const metrics = ds.metrics.map((m) => {
    if (m.type === 'count') return `COUNT(*) AS ${quoteIdent(m.name)}`;
    const field = quoteIdent(m.field!);
    const sql = m.type === 'quantiles' ? `list(${field}) FILTER (WHERE ${field} IS NOT NULL)` : `${m.type.toUpperCase()}(${field})`;
    return `${sql} AS ${quoteIdent(m.name)}`;
  });
  // Truncated in epoch arithmetic, independent of the session's time zone.
  const ts = `to_timestamp(epoch_ms(${quoteIdent(TIME_COLUMN.duckdb)}) // ${ms} * ${ms / 1000}) AS ${quoteIdent(TIME_COLUMN.duckdb)}`;
  return `SELECT ${[ts, ...keys, ...metrics].join(', ')} FROM (${raw}) GROUP BY ALL`;
}

/** The number of events a table holds: its rows' counts when rolled up. */
export function eventCountSql(ds: Datasource): string {
  return `SELECT ${eventCount(ds)} FROM ${quoteIdent(ds.id)}`;
}

/** The same per tenant: rows of [tenant, events]. */
export function eventCountByTenantSql(ds: Datasource): string {
  return `SELECT ${quoteIdent(TENANT_COLUMN)}, ${eventCount(ds)} FROM ${quoteIdent(ds.id)} GROUP BY 1`;
}

function eventCount(ds: Datasource): string {
  const count = ds.metrics.find((m) => m.type === 'count');
  return ds.granularity !== 'none' && count ? `COALESCE(SUM(${quoteIdent(count.name)}), 0)` : 'COUNT(*)';
}
const text = z.string().max(500);
const int = z.number().int().safe();
const epochMs = z.number().int().min(0).max(8.64e15);
const FIELD = { long: int, double: z.number() } as const;

/** An event as ingest keeps it: named by its columns, `ts` in epoch ms. */
export type Event = Record<string, string | number> & { ts: number; tenant: string };

/**
 * The wire format of a datasource's events: one JSON object per Kafka message with the declared
 * time field (epoch ms), tenant field, dimensions (strings) and numeric fields; other keys are
 * ignored. Parsed events are renamed to the table's columns (`ts`, `tenant`).
 */
export function eventSchema(ds: Datasource): z.ZodType<Event> {
  const shape: Record<string, z.ZodType> = { [ds.timeField]: epochMs, [ds.tenantField]: text };
  for (const d of ds.dimensions) shape[d.name] = text;
  for (const f of ds.fields) shape[f.name] = FIELD[f.type];
  return z.object(shape).transform((e) => {
    const { [ds.timeField]: ts, [ds.tenantField]: tenant, ...rest } = e as Record<string, string | number>;
    return { ...rest, ts: ts as number, tenant: tenant as string };
  });
}

/**
 * INSERT of a batch of parsed events passed as one JSON array parameter: DuckDB parses,
 * unnests and rolls it up, so a batch of thousands of events is one statement.
 */
export function insertBatchSql(ds: Datasource): string {
  return `INSERT INTO ${quoteIdent(ds.id)} ${batchRollupSql(ds)}`;
}

/** The rows a batch of events (one JSON array parameter) appends, rolled up, in table order. */
export function batchRollupSql(ds: Datasource): string {
  const cols = rawColumns(ds).map(([name, type]): [string, string] => [name, name === TIME_COLUMN.duckdb ? 'BIGINT' : type.replace(' NOT NULL', '')]);
  const structure = JSON.stringify([Object.fromEntries(cols)]);
  const select = cols.map(([name]) => `${name === TIME_COLUMN.duckdb ? 'to_timestamp(e.ts / 1000.0)' : `e.${quoteIdent(name)}`} AS ${quoteIdent(name)}`).join(', ');
  return rollupSql(ds, `SELECT ${select} FROM (SELECT unnest(from_json($1, '${structure}')) AS e)`);
}
