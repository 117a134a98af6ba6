import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketStore } from '@/lib/cache/bucket-store';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/engine';
import { seedSample } from '@/lib/ingest/sample-world';
import { planPanel } from '@/lib/query/plan';
import type { CompiledQuery } from '@/lib/sql/query';
import { ViewSchema } from '@/lib/view/schema';
import { runPlan } from './run';

const ANCHOR_SEC = Date.parse('2026-11-20T12:00:00Z') / 1000;
let engine: EmbeddedEngine;
const seen: CompiledQuery[] = [];
/** The real engine, recording what it is asked. */
let recording: Engine;

beforeAll(async () => {
  engine = await EmbeddedEngine.create();
  const conn = await engine.connect();
  await seedSample(conn, { anchorSec: ANCHOR_SEC, days: 8, scale: 1 });
  conn.closeSync();
  recording = { name: engine.name, dialect: engine.dialect, dataUntil: (d) => engine.dataUntil(d), close: async () => {}, query: (q, o) => (seen.push(q), engine.query(q, o)) };
});
afterAll(() => engine.close());

const dashboard = findDashboard('security-logins')!;
const opts = { timeoutMs: 30_000, queryId: 'inc', tz: 'UTC' };

function plan(panelId: string, dataUntil: number, compare: 'none' | 'P1W' = 'none') {
  const view = ViewSchema.parse({ range: { last: 'P7D' }, grain: 'PT1H', compare, split: panelId === 'attempts_by_result' ? undefined : null });
  return planPanel({ dashboard, panel: findPanel(dashboard, panelId)!, view, tenant: 'acme', dataUntil });
}

describe('incremental time-series refresh', () => {
  it.each(['failures_by_country', 'attempts_by_result'])('re-queries only the open buckets of %s and answers the same', async (panelId) => {
    const store = new BucketStore(1 << 20);
    const key = `series:${panelId}`;
    const first = ANCHOR_SEC * 1000 - 30 * 60_000;
    const later = first + 60_000;
    await runPlan(recording, plan(panelId, first, 'P1W'), opts, { store, key, dataUntil: first });
    seen.length = 0;
    const refreshed = await runPlan(recording, plan(panelId, later, 'P1W'), opts, { store, key, dataUntil: later });
    const full = await runPlan(engine, plan(panelId, later, 'P1W'), opts);
    expect(refreshed.rows).toEqual(full.rows);
    expect(refreshed.compareRows).toEqual(full.compareRows);
    // Bucketed queries now cover at most the last hour (plus lateness), not seven days.
    const bucketed = seen.filter((q) => q.sql.includes(' AS "t"'));
    expect(bucketed.length).toBeGreaterThan(0);
    for (const q of bucketed) {
      const [from, to] = q.params.filter((p) => /^\d{4}-/.test(String(p.value))).map((p) => Date.parse(String(p.value)));
      expect(to! - from!).toBeLessThanOrEqual(2 * 3_600_000);
    }
  });

  it('never serves stored buckets for a different series', async () => {
    const store = new BucketStore(1 << 20);
    const until = ANCHOR_SEC * 1000;
    await runPlan(engine, plan('failures_by_country', until), opts, { store, key: 'a', dataUntil: until });
    seen.length = 0;
    await runPlan(recording, plan('failures_by_country', until), opts, { store, key: 'b', dataUntil: until });
    const [from, to] = seen[0]!.params.filter((p) => /^\d{4}-/.test(String(p.value))).map((p) => Date.parse(String(p.value)));
    expect(to! - from!).toBe(7 * 86_400_000);
  });
});
