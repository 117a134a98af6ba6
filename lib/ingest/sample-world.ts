import 'server-only';
import { BIGINT, type DuckDBConnection } from '@duckdb/node-api';
import { SAMPLE_TENANTS, type SampleTenant } from '@/lib/auth/tenants';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import { eventCountSql, rollupSql, schemaSql } from './declared';
import { appendFolded, buildTiers, inTransaction } from './tiers';
import { MACROS_SQL, sampleGenerators, sampleTables, type SampleTable } from './sample-sql';

export type SampleOptions = {
  /** The sample world's "now", epoch seconds. */
  anchorSec: number;
  days: number;
  /** Multiplies the cluster streams (each copy a distinct client) to reach benchmark sizes. */
  scale: number;
  /** Repeats every sample tenant as distinct tenants (acme, acme2, …) for multi-tenant load tests. */
  tenantCopies?: number;
  /** Build the rollup tiers after seeding (PULSE_TIERS=on); off: no tier table is made. */
  tiers: boolean;
};

/** Creates tables, generator macros and the reference tables the generators join against. */
export async function prepareSample(conn: DuckDBConnection, scale: number, tenantCopies = 1): Promise<void> {
  await conn.run(schemaSql(listDatasources()));
  await conn.run(MACROS_SQL);
  await conn.run(`
    CREATE OR REPLACE TABLE sample_streams (id INTEGER, tenant VARCHAR, cluster VARCHAR, broker VARCHAR, topic VARCHAR,
      client VARCHAR, rate DOUBLE, msg_bytes DOUBLE, fanout DOUBLE);
    CREATE OR REPLACE TABLE sample_tenants (id INTEGER, tenant VARCHAR, users VARCHAR[], countries VARCHAR[], attack_country VARCHAR);
    CREATE OR REPLACE TABLE sample_sensors (id INTEGER, tenant VARCHAR, sensor_id VARCHAR, location VARCHAR, base_c DOUBLE);`);
  let streamId = 0;
  let sensorId = 0;
  let tenantIndex = 0;
  for (const t of tenantCopiesOf(tenantCopies)) {
    await conn.run('INSERT INTO sample_tenants VALUES ($1, $2, $3::VARCHAR[], $4::VARCHAR[], $5)', [
      tenantIndex++,
      t.id,
      JSON.stringify(t.users),
      JSON.stringify(t.countries),
      t.attackCountry,
    ]);
    for (let copy = 1; copy <= scale; copy++) {
      for (const [cluster, broker, topic, client, rate, bytes, fanout] of t.streams) {
        const name = copy === 1 ? client : `${client}-${copy}`;
        await conn.run('INSERT INTO sample_streams VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          streamId++, t.id, t.clusters[cluster]!, broker, topic, name, rate, bytes, fanout,
        ]);
      }
    }
    for (const [sensor, location, base] of t.sensors) {
      await conn.run('INSERT INTO sample_sensors VALUES ($1, $2, $3, $4, $5)', [sensorId++, t.id, sensor, location, base]);
    }
  }
}

/** The sample tenants, then copies named acme2, globex2, … whose every value carries the copy's id. */
export function tenantCopiesOf(copies: number): SampleTenant[] {
  const all = [...SAMPLE_TENANTS];
  for (let copy = 2; copy <= copies; copy++) {
    for (const t of SAMPLE_TENANTS) {
      const id = `${t.id}${copy}`;
      all.push(JSON.parse(JSON.stringify({ ...t, name: `${t.name} ${copy}` }).replaceAll(t.id, id)) as SampleTenant);
    }
  }
  return all;
}

/** The rows of one table over [startSec, endSec), as a SELECT with its parameters and their types. */
export function sampleSelect(table: SampleTable, startSec: number, endSec: number, stepSec: number, anchorSec: number) {
  const sql = sampleGenerators().get(table);
  if (!sql) throw new Error(`no sample generator for ${table}`);
  const all = { start: startSec, end: endSec, step: stepSec, anchor: anchorSec };
  // DuckDB refuses a named parameter the statement does not use.
  const params = Object.fromEntries(Object.entries(all).filter(([name]) => sql.includes(`$${name}`)));
  // BIGINT, so millisecond arithmetic on epoch seconds cannot overflow INTEGER.
  const types = Object.fromEntries(Object.keys(params).map((k) => [k, BIGINT]));
  return { sql, params, types };
}

/**
 * The generator writes every event of every sample tenant up to `untilMs`, sparse tables too
 * (a tenant with no alert in the last minute has no alert to wait for): each tenant's data is
 * complete to there.
 */
export function noteSampleComplete(engine: Pick<EmbeddedEngine, 'noteAppended'>, tenants: string[], untilMs: number): void {
  for (const table of sampleTables()) for (const tenant of tenants) engine.noteAppended(table, tenant, untilMs);
}

/**
 * Appends the sample events of [startSec, endSec), rolled up as the table declares. `seed`
 * stores each tenant's rows together (a tenant's query skips the others' row groups) and
 * leaves the tiers to `buildTiers`; `live` inserts the rows into the tables alone (tiers off);
 * `folded` also folds them into the tiers, in the same transaction (tiers on).
 */
export async function appendSample(
  conn: DuckDBConnection,
  startSec: number,
  endSec: number,
  stepSec: number,
  anchorSec: number,
  mode: 'seed' | 'live' | 'folded' = 'live',
) {
  const rolledOf = (table: SampleTable) => {
    const q = sampleSelect(table, startSec, endSec, stepSec, anchorSec);
    return { ...q, ds: findDatasource(table)!, rolled: rollupSql(findDatasource(table)!, q.sql) };
  };
  if (mode !== 'folded') {
    for (const table of sampleTables()) {
      const { rolled, params, types } = rolledOf(table);
      await conn.run(`INSERT INTO ${table} ${mode === 'seed' ? `SELECT * FROM (${rolled}) ORDER BY tenant, ts` : rolled}`, params, types);
    }
    return;
  }
  await inTransaction(conn, async () => {
    for (const table of sampleTables()) {
      const { ds, rolled, params, types } = rolledOf(table);
      await appendFolded(conn, ds, rolled, params, types);
    }
  });
}

/** History is generated a week at a time: one sort per week keeps memory bounded. */
const CHUNK_S = 7 * 86_400;

/**
 * History at minute resolution up to the anchor's minute, each week's rows clustered by tenant
 * (as Druid partitions segments), then seconds up to the anchor; then, with `tiers`, the tiers,
 * rolled up once (`tiersMs`: how long that took; null without tiers).
 */
export async function seedSample(conn: DuckDBConnection, opts: SampleOptions): Promise<{ rows: number; events: number; tiersMs: number | null }> {
  await prepareSample(conn, opts.scale, opts.tenantCopies);
  const minute = opts.anchorSec - (opts.anchorSec % 60);
  for (let from = minute - opts.days * 86_400; from < minute; from += CHUNK_S) {
    await appendSample(conn, from, Math.min(from + CHUNK_S, minute), 60, opts.anchorSec, 'seed');
  }
  await appendSample(conn, minute, opts.anchorSec, 1, opts.anchorSec, 'live');
  let tiersMs: number | null = null;
  if (opts.tiers) {
    const started = performance.now();
    await buildTiers(conn, listDatasources());
    tiersMs = Math.round(performance.now() - started);
  }
  const rows = sampleTables().map((t) => `(SELECT COUNT(*) FROM ${t})`).join(' + ');
  const events = sampleTables().map((t) => `(${eventCountSql(findDatasource(t)!)})`).join(' + ');
  const [counts] = (await conn.runAndReadAll(`SELECT ${rows}, ${events}`)).getRowsJS();
  return { rows: Number(counts![0]), events: Number(counts![1]), tiersMs };
}
