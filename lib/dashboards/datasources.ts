/**
 * Column names both engines share. Datasources themselves are declared in the config directory
 * (lib/dashboards/registry.ts); only the time column's name differs between engines (Druid's is
 * always __time).
 */
import type { Dialect } from './schema';

/** A datasource's id, as declared in the config directory. */
export type DatasourceId = string;

export const TIME_COLUMN: Record<Dialect, string> = { duckdb: 'ts', druid: '__time' };

export const TENANT_COLUMN = 'tenant';
