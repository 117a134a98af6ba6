import { describe, expect, it } from 'vitest';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { schemaSql } from '@/lib/ingest/declared';
import { checkEngineColumns, expectedColumns } from './declared-columns';

describe('declarations checked against the engine', () => {
  it("accepts the tables made from the declarations and names what an older table lacks", async () => {
    const engine = await EmbeddedEngine.create({ threads: 1 });
    const conn = await engine.connect();
    await conn.run(schemaSql(listDatasources().filter((ds) => ds.id !== 'logins')));
    // A table kept from before rollup: raw rows, no count column.
    await conn.run('CREATE TABLE logins (ts TIMESTAMPTZ, tenant VARCHAR, "user" VARCHAR, country VARCHAR)');
    expect(await checkEngineColumns(engine, listDatasources(), 10_000)).toEqual(["datasource logins: the engine's table lacks method, result, count"]);
    await conn.run('DROP TABLE logins');
    expect(await checkEngineColumns(engine, listDatasources(), 10_000)).toEqual(['datasource logins: the engine has no table logins']);
    await conn.run(schemaSql([findDatasource('logins')!]));
    expect(await checkEngineColumns(engine, listDatasources(), 10_000)).toEqual([]);
    conn.closeSync();
  });

  it('expects the rolled-up metric columns on both engines, and raw fields where a datasource has no rollup', () => {
    const sensors = findDatasource('sensor_readings')!;
    const metrics = ['count', 'temperature_c', 'temperature_f', 'temperature_c_min', 'temperature_c_max', 'temperature_c_q'];
    expect(expectedColumns(sensors, 'druid')).toEqual(['__time', 'tenant', 'sensor_id', 'location', ...metrics]);
    expect(expectedColumns(sensors, 'duckdb')).toEqual(['ts', 'tenant', 'sensor_id', 'location', ...metrics]);
    expect(expectedColumns(findDatasource('alerts')!, 'druid')).toContain('window_start');
    expect(expectedColumns(findDatasource('alerts')!, 'duckdb')).toContain('window_start');
  });
});
