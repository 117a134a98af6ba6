/**
 * What a datasource declaration implies for ingest on the embedded engine: its table (raw
 * rows, one column per event field; the time field becomes `ts`, the tenant field `tenant`).
 */
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
