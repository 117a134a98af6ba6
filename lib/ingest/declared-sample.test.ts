import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { findDatasource } from '@/lib/dashboards/registry';
import { rollupSql, tableSql } from './declared';
import { prepareSample, sampleSelect } from './sample-world';

describe('sample data from a declaration', () => {
  it('generates the declared columns, values from the declared lists and ranges, at the declared rate, the same on every run', async () => {
    const ds = findDatasource('api_requests')!;
    const sample = ds.sample!;
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await prepareSample(conn, 1, 1);
    await conn.run(tableSql(ds));
    const day = 1_764_547_200; // 2025-12-01T00:00:00Z
    const q = sampleSelect('api_requests', day, day + 86_400, 60, day + 86_400);
    // The raw events as generated; the table holds them rolled up.
    await conn.run(`CREATE TABLE raw AS ${q.sql}`, q.params, q.types);
    await conn.run(`INSERT INTO api_requests ${rollupSql(ds, 'SELECT * FROM raw')}`);
    const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowsJS().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

    const [rows, tenants, minTs, maxTs] = (await read(`SELECT COUNT(*), COUNT(DISTINCT tenant), epoch(min(ts)), epoch(max(ts)) FROM raw`))[0] as number[];
    // Three sample tenants at eventsPerMinute each, within 10% over a day.
    expect(rows! / (3 * 1440)).toBeGreaterThan(sample.eventsPerMinute * 0.9);
    expect(rows! / (3 * 1440)).toBeLessThan(sample.eventsPerMinute * 1.1);
    expect(tenants).toBe(3);
    expect(minTs).toBeGreaterThanOrEqual(day);
    expect(maxTs).toBeLessThan(day + 86_400);
    for (const d of ds.dimensions) {
      const values = (await read(`SELECT DISTINCT "${d.name}" FROM raw`)).map((r) => r[0]);
      expect(new Set(values), d.name).toEqual(new Set(sample.dimensions[d.name]));
    }
    for (const f of ds.fields) {
      const [lo, hi] = (await read(`SELECT min("${f.name}"), max("${f.name}") FROM raw`))[0] as number[];
      expect(lo, f.name).toBeGreaterThanOrEqual(sample.fields[f.name]!.min);
      expect(hi, f.name).toBeLessThanOrEqual(sample.fields[f.name]!.max);
    }
    const again = await read(`SELECT count(*), sum(hash(ts, tenant, endpoint, latency_ms)) FROM (${q.sql})`.replaceAll('$start', String(day)).replaceAll('$end', String(day + 86_400)).replaceAll('$step', '60'));
    expect(again).toEqual(await read(`SELECT count(*), sum(hash(ts, tenant, endpoint, latency_ms)) FROM raw`));
    const [events, rolledRows, latencies] = (await read(`SELECT SUM("count"), COUNT(*), SUM(len(latency_ms_q)) FROM api_requests`))[0] as number[];
    expect(events).toBe(rows);
    expect(latencies).toBe(rows);
    expect(rolledRows).toBeLessThanOrEqual(rows!);
    conn.closeSync();
  });
});
