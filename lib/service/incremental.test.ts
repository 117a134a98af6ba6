import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketStore } from '@/lib/cache/bucket-store';
import { findDashboard, findPanel } from '@/lib/dashboards/registry';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/engine';
import { appendSample, seedSample } from '@/lib/ingest/sample-world';
import { planPanel } from '@/lib/query/plan';
import type { CompiledQuery } from '@/lib/sql/query';
import { recordingEngine } from '@/lib/testing/recording-engine';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { runPlan } from './run';

const ANCHOR_SEC = Date.parse('2026-11-20T12:00:00Z') / 1000;
let engine: EmbeddedEngine;
const seen: CompiledQuery[] = [];
/** The real engine, recording what it is asked. */
let recording: Engine;

beforeAll(async () => {
  engine = await EmbeddedEngine.create();
  const conn = await engine.connect();
  await seedSample(conn, { anchorSec: ANCHOR_SEC, days: 8, scale: 1, tiers: false });
  conn.closeSync();
  recording = recordingEngine(engine, seen);
});
afterAll(() => engine.close());

const dashboard = findDashboard('security-logins')!;
const opts = { timeoutMs: 30_000, queryId: 'inc', tz: 'UTC' };

function plan(panelId: string, dataUntil: number, view: Partial<ViewInput> = {}) {
  const v = ViewSchema.parse({ range: { last: 'P7D' }, grain: 'PT1H', split: panelId === 'attempts_by_result' ? undefined : null, ...view });
  return planPanel({ dashboard, panel: findPanel(dashboard, panelId)!, view: v, tenant: 'acme', dataUntil });
}

/** Time bounds of a recorded query. */
const bounds = (q: CompiledQuery) => q.params.filter((p) => /^\d{4}-/.test(String(p.value))).map((p) => Date.parse(String(p.value)));

describe('incremental time-series refresh', () => {
  it.each(['failures_by_country', 'attempts_by_result'])('re-queries only the open buckets of %s and sees rows that arrived since', async (panelId) => {
    const store = new BucketStore(1 << 20);
    const key = `series:${panelId}`;
    const first = ANCHOR_SEC * 1000;
    await runPlan(recording, plan(panelId, first, { compare: 'P1W' }), opts, { store, key, dataUntil: first });
    // A minute of new events lands before the refresh.
    const conn = await engine.connect();
    await appendSample(conn, ANCHOR_SEC, ANCHOR_SEC + 60, 1, ANCHOR_SEC);
    conn.closeSync();
    const later = first + 60_000;
    seen.length = 0;
    const refreshed = await runPlan(recording, plan(panelId, later, { compare: 'P1W' }), opts, { store, key, dataUntil: later });
    const full = await runPlan(engine, plan(panelId, later, { compare: 'P1W' }), opts);
    expect(refreshed.rows).toEqual(full.rows);
    expect(refreshed.compareRows).toEqual(full.compareRows);
    // Bucketed queries now cover at most the last hour (plus lateness), not seven days.
    const bucketed = seen.filter((q) => q.sql.includes(' AS "t"'));
    expect(bucketed.length).toBeGreaterThan(0);
    for (const q of bucketed) {
      const [from, to] = bounds(q);
      expect(to! - from!).toBeLessThanOrEqual(2 * 3_600_000);
    }
  });

  it('never serves stored buckets for a different series', async () => {
    const store = new BucketStore(1 << 20);
    const until = ANCHOR_SEC * 1000;
    await runPlan(engine, plan('failures_by_country', until), opts, { store, key: 'a', dataUntil: until });
    seen.length = 0;
    await runPlan(recording, plan('failures_by_country', until), opts, { store, key: 'b', dataUntil: until });
    const [from, to] = bounds(seen[0]!);
    expect(to! - from!).toBe(7 * 86_400_000);
  });

  it('answers ranges off the grain exactly, whatever ranges of the same series were asked before', async () => {
    const store = new BucketStore(1 << 20);
    const key = 'series:off-grain';
    const until = ANCHOR_SEC * 1000;
    const hour = 3_600_000;
    // Brushed ranges: start and end inside hourly buckets, then aligned ones over the same buckets.
    const ranges = [
      [until - 30 * hour - 17 * 60_000, until - 3 * hour - 41 * 60_000],
      [until - 30 * hour, until - 3 * hour],
      [until - 30 * hour + 25 * 60_000, until - 3 * hour + 5 * 60_000],
      [until - 48 * hour, until - 2 * hour - 30 * 60_000],
    ];
    for (const [start, end] of ranges) {
      const view = { range: { start: new Date(start!).toISOString(), end: new Date(end!).toISOString() }, compare: 'none' as const };
      const p = plan('failures_by_country', until, view);
      const got = await runPlan(engine, p, opts, { store, key, dataUntil: until });
      const full = await runPlan(engine, p, opts);
      expect(got.rows, `${new Date(start!).toISOString()} – ${new Date(end!).toISOString()}`).toEqual(full.rows);
    }
  });
});
