/**
 * Rollup tiers on the embedded engine (lib/dashboards/tiers.ts): built once from the table when
 * the engine starts, then kept up to date by every append, which folds its rows into the tier
 * rows of their hour and day in the same transaction, so a query sees the table and its tiers
 * at the same data. Folding re-rolls only the touched (hour or day, tenant) rows.
 */
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import type { Datasource } from '@/lib/dashboards/datasource-schema';
import { TENANT_COLUMN, TIME_COLUMN } from '@/lib/dashboards/datasources';
import { datasourceTiers, TIER_MS, type Tier } from '@/lib/dashboards/tiers';
import { quoteIdent } from '@/lib/sql/query';
import { tierColumns, tierTableSql } from './declared';

const TS = quoteIdent(TIME_COLUMN.duckdb);
const TENANT = quoteIdent(TENANT_COLUMN);
/** Per connection: the rows of the append being folded, and a tier's re-rolled rows. */
const FRESH = 'pulse_fresh';
const FOLDED = 'pulse_folded';

/** Each row's time truncated to the tier's UTC hour or day, in epoch arithmetic (independent of the session zone). */
function truncated(tier: Tier): string {
  const ms = TIER_MS[tier.grain];
  return `to_timestamp(epoch_ms(${TS}) // ${ms} * ${ms / 1000})`;
}

/**
 * `source` (rows in the table's layout, or a finer tier's that keeps these dimensions) rolled
 * up to the tier: the metrics re-aggregated so every measure reads the same from either.
 */
export function tierRollupSql(ds: Datasource, tier: Tier, source: string): string {
  const metrics = ds.metrics.map((m) => {
    const c = quoteIdent(m.name);
    const agg = m.type === 'count' || m.type === 'sum' ? `SUM(${c})` : m.type === 'quantiles' ? `flatten(list(${c}))` : `${m.type.toUpperCase()}(${c})`;
    return `${agg} AS ${c}`;
  });
  const keys = [TENANT_COLUMN, ...tier.dimensions].map(quoteIdent);
  return `SELECT ${[`${truncated(tier)} AS ${TS}`, ...keys, ...metrics].join(', ')} FROM (${source}) GROUP BY ALL`;
}

/**
 * Rebuilds every tier of these datasources from their tables (each from the finest source that
 * keeps its dimensions), rows clustered by tenant; each tier's table is made anew, so a kept file
 * whose tiers were declared with other dimensions gets the declared ones.
 */
export async function buildTiers(conn: DuckDBConnection, datasources: Datasource[]): Promise<void> {
  for (const ds of datasources) {
    const built: Tier[] = [];
    for (const tier of datasourceTiers(ds)) {
      const finer = built.findLast((t) => tier.dimensions.every((d) => t.dimensions.includes(d)));
      const rolled = tierRollupSql(ds, tier, `SELECT * FROM ${quoteIdent(finer?.table ?? ds.id)}`);
      await conn.run(tierTableSql(ds, tier, true));
      await conn.run(`INSERT INTO ${quoteIdent(tier.table)} SELECT * FROM (${rolled}) ORDER BY ${TENANT}, ${TS}`);
      built.push(tier);
    }
  }
}

/**
 * Appends `rolled` (a SELECT of rows in the table's layout) to the datasource's table and folds
 * them into its tiers. Run it inside a transaction (the caller's), so no query sees one without the other.
 */
export async function appendFolded(
  conn: DuckDBConnection,
  ds: Datasource,
  rolled: string,
  params?: DuckDBValue[] | Record<string, DuckDBValue>,
  types?: DuckDBType[] | Record<string, DuckDBType | undefined>,
): Promise<void> {
  const tiers = datasourceTiers(ds);
  if (!tiers.length) {
    await conn.run(`INSERT INTO ${quoteIdent(ds.id)} ${rolled}`, params, types);
    return;
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${FRESH} AS ${rolled}`, params, types);
  await conn.run(`INSERT INTO ${quoteIdent(ds.id)} SELECT * FROM ${FRESH}`);
  for (const tier of tiers) for (const sql of foldSql(ds, tier)) await conn.run(sql);
}

/** Re-rolls the tier rows the fresh rows touch (their hour or day and tenant) together with them. */
export function foldSql(ds: Datasource, tier: Tier): string[] {
  const table = quoteIdent(tier.table);
  const cols = tierColumns(ds, tier).map(([c]) => quoteIdent(c)).join(', ');
  // Possibly a few untouched (time, tenant) pairs too: re-rolling rolled rows leaves them as they are.
  const touched = `${TS} IN (SELECT DISTINCT ${truncated(tier)} FROM ${FRESH}) AND ${TENANT} IN (SELECT DISTINCT ${TENANT} FROM ${FRESH})`;
  const both = `SELECT ${cols} FROM ${table} WHERE ${touched} UNION ALL SELECT ${cols} FROM ${FRESH}`;
  return [
    `CREATE OR REPLACE TEMP TABLE ${FOLDED} AS ${tierRollupSql(ds, tier, both)}`,
    `DELETE FROM ${table} WHERE ${touched}`,
    `INSERT INTO ${table} SELECT * FROM ${FOLDED}`,
  ];
}

/** Runs `work` in one transaction on `conn`. */
export async function inTransaction<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await conn.run('COMMIT');
    return result;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}
