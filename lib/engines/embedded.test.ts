import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from './embedded';

let engine: EmbeddedEngine;
beforeAll(async () => {
  engine = await EmbeddedEngine.create();
  const conn = await engine.connect();
  await conn.run(`CREATE TABLE alerts (ts TIMESTAMPTZ, tenant VARCHAR)`);
  await conn.run(`INSERT INTO alerts VALUES (make_timestamp(50000000::BIGINT), 'acme'), (make_timestamp(70000000::BIGINT), 'globex')`);
  conn.closeSync();
});
afterAll(() => engine.close());

describe('EmbeddedEngine freshness', () => {
  it('reads what the table already held, per tenant, then follows what writers note', async () => {
    const all = { start: 0, end: 1e15 };
    expect([...(await engine.dataUntilByTenant('alerts', all))].sort()).toEqual([['acme', 50_001], ['globex', 70_001]]);
    engine.noteAppended('alerts', 'acme', 80_000);
    engine.noteAppended('alerts', 'acme', 60_000); // an older note never moves a tenant back
    expect((await engine.dataUntilByTenant('alerts', all)).get('acme')).toBe(80_000);
    expect((await engine.dataUntilByTenant('alerts', all)).get('globex')).toBe(70_001);
  });

  it('answers inside the window only: silent tenants are absent, ends past it are clamped', async () => {
    const got = await engine.dataUntilByTenant('alerts', { start: 75_000, end: 78_000 });
    expect([...got]).toEqual([['acme', 78_000]]);
  });
});
