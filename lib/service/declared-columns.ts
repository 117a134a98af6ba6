/**
 * The declarations checked against the engine at start-up: every column a datasource's
 * declaration implies must be in the engine's table (the embedded engine's tables are made from
 * the declarations, but a kept DuckDB file may hold older ones; Druid's come from the
 * supervisor specs). A Druid datasource not created yet (no event ingested) is not an error.
 */
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import type { Engine } from '@/lib/engines/engine';

export function expectedColumns(ds: Datasource, dialect: Engine['dialect']): string[] {
  const stored = ds.granularity === 'none' ? ds.fields.map((f) => f.name) : ds.metrics.map((m) => m.name);
  return [TIME_COLUMN[dialect], TENANT_COLUMN, ...ds.dimensions.map((d) => d.name), ...stored];
}

export async function checkEngineColumns(engine: Pick<Engine, 'query' | 'dialect'>, datasources: Datasource[], timeoutMs: number): Promise<string[]> {
  const sql =
    engine.dialect === 'duckdb'
      ? 'SELECT table_name, column_name FROM information_schema.columns'
      : `SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'druid'`;
  const rows = await engine.query({ sql, params: [] }, { timeoutMs, queryId: `pulse-columns-${Date.now()}`, tz: 'UTC' });
  const tables = new Map<string, Set<string>>();
  for (const [table, column] of rows) {
    if (!tables.has(String(table))) tables.set(String(table), new Set());
    tables.get(String(table))!.add(String(column));
  }
  return datasources.flatMap((ds) => {
    const have = tables.get(ds.id);
    if (!have) return engine.dialect === 'duckdb' ? [`datasource ${ds.id}: the engine has no table ${ds.id}`] : [];
    const missing = expectedColumns(ds, engine.dialect).filter((c) => !have.has(c));
    return missing.length ? [`datasource ${ds.id}: the engine's table lacks ${missing.join(', ')}`] : [];
  });
}
