/**
 * What a datasource declaration implies for ingest on the embedded engine: its table (raw
 * rows, one column per event field; the time field becomes `ts`, the tenant field `tenant`)
 * and the schema of its Kafka events.
 */
import { z } from 'zod';
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import { quoteIdent } from '@/lib/sql/query';

const DUCKDB_TYPE = { long: 'BIGINT', double: 'DOUBLE' } as const;

/** Columns in table order, with their DuckDB types. */
export function tableColumns(ds: Datasource): [string, string][] {
  return [
    [TIME_COLUMN.duckdb, 'TIMESTAMPTZ NOT NULL'],
    [TENANT_COLUMN, 'VARCHAR NOT NULL'],
    ...ds.dimensions.map((d): [string, string] => [d.name, 'VARCHAR']),
    ...ds.fields.map((f): [string, string] => [f.name, DUCKDB_TYPE[f.type]]),
  ];
}

export function tableSql(ds: Datasource): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(ds.id)} (${tableColumns(ds).map(([c, t]) => `${quoteIdent(c)} ${t}`).join(', ')});`;
}

/** Every declared datasource's table. */
export function schemaSql(datasources: Datasource[]): string {
  return datasources.map(tableSql).join('\n');
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
 * INSERT of a batch of parsed events passed as one JSON array parameter: DuckDB parses and
 * unnests it, so a batch of thousands of events is one statement.
 */
export function insertBatchSql(ds: Datasource): string {
  const cols = tableColumns(ds).map(([name, type]): [string, string] => [name, name === TIME_COLUMN.duckdb ? 'BIGINT' : type.replace(' NOT NULL', '')]);
  const structure = JSON.stringify([Object.fromEntries(cols)]);
  const select = cols.map(([name]) => (name === TIME_COLUMN.duckdb ? 'to_timestamp(e.ts / 1000.0)' : `e.${quoteIdent(name)}`)).join(', ');
  return `INSERT INTO ${quoteIdent(ds.id)} SELECT ${select} FROM (SELECT unnest(from_json($1, '${structure}')) AS e)`;
}
