import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DatasourceSchema } from '@/lib/dashboards/datasource-schema';
import { findDatasource } from '@/lib/dashboards/registry';
import { eventCountByTenantSql, eventCountSql, eventSchema, insertBatchSql, tableSql } from './declared';

const vendor = DatasourceSchema.parse({
  id: 'api_requests',
  topic: 'vendor.api',
  timeField: 'time',
  tenantField: 'customer',
  granularity: 'minute',
  dimensions: [{ name: 'endpoint' }],
  fields: [
    { name: 'bytes', type: 'long' },
    { name: 'latency_ms', type: 'double' },
  ],
  metrics: [
    { name: 'count', type: 'count' },
    { name: 'bytes', type: 'sum', field: 'bytes' },
    { name: 'latency_ms_max', type: 'max', field: 'latency_ms' },
    { name: 'latency_ms_q', type: 'quantiles', field: 'latency_ms' },
  ],
});

describe('ingest derived from a datasource declaration', () => {
  it('creates the shipped tables with the columns the sample generators write', () => {
    expect(tableSql(findDatasource('logins')!)).toBe(
      'CREATE TABLE IF NOT EXISTS "logins" ("ts" TIMESTAMPTZ NOT NULL, "tenant" VARCHAR NOT NULL, "user" VARCHAR, "country" VARCHAR, "method" VARCHAR, "result" VARCHAR, "count" BIGINT);',
    );
  });

  it('takes events with the declared fields, renames time and tenant to the columns, and inserts a batch rolled up to the minute', async () => {
    const schema = eventSchema(vendor);
    const event = { time: 1_764_000_000_000, customer: 'acme', endpoint: '/v1/orders', bytes: 512, latency_ms: 12.5, extra: 'ignored' };
    const parsed = schema.parse(event);
    expect(parsed).toEqual({ ts: 1_764_000_000_000, tenant: 'acme', endpoint: '/v1/orders', bytes: 512, latency_ms: 12.5 });
    expect(schema.safeParse({ ...event, bytes: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...event, customer: undefined }).success).toBe(false);
    expect(schema.safeParse({ ...event, endpoint: 7 }).success).toBe(false);

    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(tableSql(vendor));
    const later = { ...parsed, ts: parsed.ts + 59_999, bytes: 100, latency_ms: 40 };
    const nextMinute = { ...parsed, ts: parsed.ts + 60_000 };
    await conn.run(insertBatchSql(vendor), [JSON.stringify([parsed, later, nextMinute, { ...parsed, tenant: 'globex', bytes: 1 }])]);
    const rows = (await conn.runAndReadAll(`SELECT epoch_ms(ts), tenant, endpoint, "count", bytes, latency_ms_max, list_sort(latency_ms_q) FROM api_requests ORDER BY tenant, ts`)).getRowsJS();
    expect(JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)))).toEqual([
      [1_764_000_000_000, 'acme', '/v1/orders', 2, 612, 40, [12.5, 40]],
      [1_764_000_060_000, 'acme', '/v1/orders', 1, 512, 12.5, [12.5]],
      [1_764_000_000_000, 'globex', '/v1/orders', 1, 1, 12.5, [12.5]],
    ]);
    // Events, not stored rows: the rolled-up rows' counts, in all and per tenant.
    expect(Number((await conn.runAndReadAll(eventCountSql(vendor))).getRowsJS()[0]![0])).toBe(4);
    const perTenant = (await conn.runAndReadAll(`${eventCountByTenantSql(vendor)} ORDER BY 1`)).getRowsJS();
    expect(perTenant.map(([t, n]) => [t, Number(n)])).toEqual([['acme', 3], ['globex', 1]]);
    conn.closeSync();
  });
});
