/**
 * The physical tables behind dashboards. Both engines hold the same columns; only the
 * time column's name differs (Druid's is always __time). Everything here is an allowlist:
 * the SQL builder quotes these names and nothing else.
 */
import type { Dialect } from './schema';

export const DATASOURCES = {
  cluster_metrics: { dimensions: ['cluster', 'broker', 'topic', 'client'] },
  logins: { dimensions: ['user', 'country', 'method', 'result'] },
  sensor_readings: { dimensions: ['sensor_id', 'location'] },
  alerts: { dimensions: ['rule', 'severity', 'message'] },
} as const satisfies Record<string, { dimensions: readonly string[] }>;

export type DatasourceId = keyof typeof DATASOURCES;

export const TIME_COLUMN: Record<Dialect, string> = { duckdb: 'ts', druid: '__time' };

export const TENANT_COLUMN = 'tenant';

export function isDatasource(id: string): id is DatasourceId {
  return Object.hasOwn(DATASOURCES, id);
}
