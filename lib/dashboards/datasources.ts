/**
 * The physical tables behind dashboards. Both engines hold the same columns; only the
 * time column's name differs (Druid's is always __time). Everything here is an allowlist:
 * the SQL builder quotes these names and nothing else.
 */
import { DatasourceSchema, type Datasource, type DatasourceInput } from './datasource-schema';
import type { Dialect } from './schema';

const dims = (...names: string[]) => names.map((name) => ({ name }));
const common = { timeField: 'ts', tenantField: 'tenant' } as const;

const DECLARED = {
  cluster_metrics: {
    ...common,
    id: 'cluster_metrics',
    topic: 'pulse.cluster_metrics',
    granularity: 'minute',
    dimensions: dims('cluster', 'broker', 'topic', 'client'),
    fields: [
      { name: 'bytes_in', type: 'long' },
      { name: 'bytes_out', type: 'long' },
      { name: 'messages_in', type: 'long' },
      { name: 'request_latency_ms', type: 'double' },
      { name: 'consumer_lag', type: 'long' },
      { name: 'errors', type: 'long' },
      { name: 'under_replicated', type: 'long' },
    ],
    metrics: [
      { name: 'count', type: 'count' },
      ...['bytes_in', 'bytes_out', 'messages_in', 'request_latency_ms', 'consumer_lag', 'errors', 'under_replicated'].map((f) => ({ name: f, type: 'sum' as const, field: f })),
      { name: 'consumer_lag_max', type: 'max', field: 'consumer_lag' },
      { name: 'under_replicated_max', type: 'max', field: 'under_replicated' },
    ],
  },
  logins: {
    ...common,
    id: 'logins',
    topic: 'pulse.logins',
    granularity: 'minute',
    dimensions: dims('user', 'country', 'method', 'result'),
    metrics: [
      { name: 'count', type: 'count' },
      { name: 'users_hll', type: 'hll', field: 'user' },
    ],
  },
  sensor_readings: {
    ...common,
    id: 'sensor_readings',
    topic: 'pulse.sensor_readings',
    granularity: 'minute',
    dimensions: dims('sensor_id', 'location'),
    fields: [
      { name: 'temperature_c', type: 'double' },
      { name: 'temperature_f', type: 'double' },
    ],
    metrics: [
      { name: 'count', type: 'count' },
      { name: 'temperature_c', type: 'sum', field: 'temperature_c' },
      { name: 'temperature_f', type: 'sum', field: 'temperature_f' },
      { name: 'temperature_c_min', type: 'min', field: 'temperature_c' },
      { name: 'temperature_c_max', type: 'max', field: 'temperature_c' },
      { name: 'temperature_c_q', type: 'quantiles', field: 'temperature_c' },
    ],
  },
  alerts: {
    ...common,
    id: 'alerts',
    topic: 'pulse.alerts',
    granularity: 'none',
    dimensions: dims('rule', 'severity', 'message'),
    fields: [
      { name: 'window_start', type: 'long' },
      { name: 'window_end', type: 'long' },
      { name: 'value', type: 'double' },
      { name: 'threshold', type: 'double' },
    ],
  },
} as const satisfies Record<string, DatasourceInput>;

export type DatasourceId = keyof typeof DECLARED;

export const DATASOURCES = Object.fromEntries(Object.entries(DECLARED).map(([id, d]) => [id, DatasourceSchema.parse(d)])) as Record<DatasourceId, Datasource>;

export const TIME_COLUMN: Record<Dialect, string> = { duckdb: 'ts', druid: '__time' };

export const TENANT_COLUMN = 'tenant';

export function isDatasource(id: string): id is DatasourceId {
  return Object.hasOwn(DATASOURCES, id);
}
