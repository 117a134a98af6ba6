/**
 * The oracle's world on the embedded engine: the sample generator's data for a few days up to a
 * fixed instant chosen near DST changes, and live appends per tenant as ticks move the clock,
 * folded into the rollup tiers as live ingest folds them.
 */
import type { DatasourceId } from '@/lib/dashboards/datasources';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { rollupSql } from '@/lib/ingest/declared';
import { sampleTables } from '@/lib/ingest/sample-sql';
import { noteSampleComplete, sampleSelect, seedSample, tenantCopiesOf } from '@/lib/ingest/sample-world';
import { appendFolded, inTransaction } from '@/lib/ingest/tiers';
import { DEFAULT_TIMELINESS } from '@/lib/ingest/timeliness';
import { FRESHNESS_DEFAULTS } from '@/lib/service/freshness';
import type { OracleWorld } from './oracle';
import { untiered } from './tiers';

/**
 * Lord Howe (a half-hour DST shift) changed 5 hours before, Europe 6 days 19 hours before,
 * North America 27 days before: presets of a day, a week and a month each cross one.
 */
export const WORLD_ANCHOR = Date.parse('2026-04-04T20:00:00Z');

/** The service's freshness settings, as the runtime configures them by default. */
export const FRESHNESS = { ...FRESHNESS_DEFAULTS, maxFutureMs: DEFAULT_TIMELINESS.maxFutureMs };

export async function embeddedWorld(days = 16): Promise<OracleWorld & { close: () => Promise<void> }> {
  const engine = await EmbeddedEngine.create({ threads: 2 });
  const conn = await engine.connect();
  const anchorSec = WORLD_ANCHOR / 1000;
  // Tiers on (the app's default is off), so the oracle tests answers read through them.
  await seedSample(conn, { anchorSec, days, scale: 1, tiers: true });
  await engine.setThreads(1);
  engine.enableTiers();
  const tenants = tenantCopiesOf(1).map((t) => t.id);
  noteSampleComplete(engine, tenants, WORLD_ANCHOR);
  const until = new Map(tenants.map((t) => [t, WORLD_ANCHOR]));

  const values = new Map<string, string[]>();
  for (const { id: datasource, dimensions } of listDatasources()) {
    for (const { name: dim } of dimensions) {
      const rows = await conn.runAndReadAll(`SELECT DISTINCT "${dim}" FROM "${datasource}" WHERE "${dim}" IS NOT NULL ORDER BY hash("${dim}"), 1 LIMIT 41`);
      values.set(`${datasource}.${dim}`, rows.getRowsJS().map((r) => String(r[0])));
    }
  }

  const world: OracleWorld & { close: () => Promise<void> } = {
    engine,
    // Reference answers read the ingest grain only: the service's, through the tiers, must equal them.
    reference: untiered(engine),
    tenants,
    clock: { now: WORLD_ANCHOR },
    freshnessWindow: (now) => ({ start: now - FRESHNESS.lookbackMs, end: now + FRESHNESS.maxFutureMs }),
    values: (datasource: DatasourceId, dim: string) => values.get(`${datasource}.${dim}`) ?? [],
    async append(which, toMs) {
      for (const tenant of which) {
        const fromSec = Math.floor(until.get(tenant)! / 1000);
        const toSec = Math.floor(toMs / 1000);
        if (toSec <= fromSec) continue;
        // Second resolution for short ticks as live data has; minutes for long ones keep the world small.
        const step = toSec - fromSec > 120 ? 60 : 1;
        await inTransaction(conn, async () => {
          for (const table of sampleTables()) {
            const q = sampleSelect(table, fromSec, toSec, step, anchorSec);
            const ds = findDatasource(table)!;
            // Tenant ids come from the sample world's own list, never from input.
            await appendFolded(conn, ds, rollupSql(ds, `SELECT * FROM (${q.sql}) WHERE tenant = '${tenant}'`), q.params, q.types);
          }
        });
        noteSampleComplete(engine, [tenant], toSec * 1000);
        until.set(tenant, toSec * 1000);
      }
    },
    async close() {
      conn.closeSync();
      await engine.close();
    },
  };
  return world;
}
