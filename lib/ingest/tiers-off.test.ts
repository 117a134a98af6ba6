/**
 * Tiers are opt-in (PULSE_TIERS, default off): without them seeding and a live append write the
 * tables alone, as before tiers existed, and the engine reads no tier.
 */
import { describe, expect, it } from 'vitest';
import { listDatasources } from '@/lib/dashboards/registry';
import { datasourceTiers } from '@/lib/dashboards/tiers';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import { appendSample, seedSample } from './sample-world';

const ANCHOR_SEC = 1_764_547_200; // 2025-12-01T00:00:00Z

async function tablesAfterSeedAndAppend(tiers: boolean) {
  const engine = await EmbeddedEngine.create();
  const conn = await engine.connect();
  try {
    await seedSample(conn, { anchorSec: ANCHOR_SEC, days: 1, scale: 1, tiers });
    const count = async () => Number((await conn.runAndReadAll('SELECT COUNT(*) FROM cluster_metrics')).getRowsJS()[0]![0]);
    const before = await count();
    await appendSample(conn, ANCHOR_SEC, ANCHOR_SEC + 5, 1, ANCHOR_SEC, tiers ? 'folded' : 'live');
    const appended = (await count()) - before;
    const names = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '%\\_\\_hour' ESCAPE '\\' OR table_name LIKE '%\\_\\_day' ESCAPE '\\'`))
      .getRowsJS()
      .map((r) => String(r[0]));
    return { names: new Set(names), appended, tiered: engine.tiered };
  } finally {
    conn.closeSync();
    await engine.close();
  }
}

describe('rollup tiers off (the default)', () => {
  it('makes no __hour or __day table when seeding and appending, and the engine reads no tier', async () => {
    const off = await tablesAfterSeedAndAppend(false);
    expect(off.appended).toBeGreaterThan(0);
    expect(off.names).toEqual(new Set());
    expect(off.tiered).toBe(false);
  }, 120_000);

  it('with tiers on, the same seed and append make every declared tier table (the query above finds them)', async () => {
    const on = await tablesAfterSeedAndAppend(true);
    const declared = listDatasources().flatMap((ds) => datasourceTiers(ds).map((t) => t.table));
    expect(declared.length).toBeGreaterThan(0);
    expect(on.names).toEqual(new Set(declared));
  }, 120_000);
});
