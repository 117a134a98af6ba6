/**
 * Live KPI, top-N, table and sparkline totals refreshed by merging partial aggregates, against
 * the same plan answered from scratch: seeded random sequences of views, appended events (late
 * ones within LATENESS_MS among them) and refreshes as the window's both edges move on.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketStore } from '@/lib/cache/bucket-store';
import { listDashboards } from '@/lib/dashboards/registry';
import type { Dashboard, Panel } from '@/lib/dashboards/schema';
import { EmbeddedEngine } from '@/lib/engines/embedded';
import type { Engine } from '@/lib/engines/engine';
import { appendSample, seedSample } from '@/lib/ingest/sample-world';
import { metrics } from '@/lib/metrics/registry';
import { compile } from '@/lib/query/compile';
import { planPanel } from '@/lib/query/plan';
import type { CompiledQuery } from '@/lib/sql/query';
import { exactly, rowsAgree } from '@/lib/testing/conformance';
import { COMPARE_SHIFTS } from '@/lib/view/time';
import { recordingEngine } from '@/lib/testing/recording-engine';
import { ViewSchema } from '@/lib/view/schema';
import { LATENESS_MS } from './incremental';
import { MAX_PARTIAL_LIST_CHARS, MAX_PARTIAL_ROWS, runMerged } from './merged-totals';
import { partialSpec, recipe } from './partials';
import { runPlan } from './run';

const RUNS = Number(process.env.ORACLE_RUNS ?? 40);
const SEED = Number(process.env.ORACLE_SEED ?? 20261204);
const ANCHOR_SEC = Date.parse('2026-11-20T12:00:30Z') / 1000;
const TOTALS = ['kpi', 'topn', 'table', 'sparkline'];
const PANELS: [Dashboard, Panel][] = listDashboards().flatMap((d) => d.panels.filter((p) => TOTALS.includes(p.type)).map((p): [Dashboard, Panel] => [d, p]));

let engine: EmbeddedEngine;
const seen: CompiledQuery[] = [];
let recording: Engine;
/** Where the data ends: appends move it on; late events land before it. */
let dataUntil = ANCHOR_SEC * 1000;

beforeAll(async () => {
  engine = await EmbeddedEngine.create({ threads: 2 });
  const conn = await engine.connect();
  await seedSample(conn, { anchorSec: ANCHOR_SEC, days: 3, scale: 1, tiers: false });
  conn.closeSync();
  recording = recordingEngine(engine, seen);
}, 120_000);
afterAll(() => engine?.close());

/** Events from `fromMs` to `toMs` (a second apart), for every tenant; before `dataUntil`, late ones. */
async function append(fromMs: number, toMs: number) {
  const conn = await engine.connect();
  await appendSample(conn, Math.floor(fromMs / 1000), Math.floor(toMs / 1000), 1, ANCHOR_SEC);
  conn.closeSync();
}

const viewArb = fc.record({
  panel: fc.nat(PANELS.length - 1),
  last: fc.constantFrom('PT1H', 'PT6H', 'P1D', 'P7D'),
  grain: fc.constantFrom('auto', 'PT1M', 'PT5M', 'PT1H'),
  tz: fc.constantFrom('UTC', 'Asia/Kolkata', 'America/St_Johns'),
  compare: fc.constantFrom('none', 'previous', ...COMPARE_SHIFTS),
  limit: fc.constantFrom(3, 10),
  sortBy: fc.option(fc.nat(7), { freq: 3 }),
});
const stepArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ refresh: fc.nat(3) }) },
  // New data up to `aheadSec` past the end, and late events reaching `lateSec` back before it.
  { weight: 2, arbitrary: fc.record({ aheadSec: fc.constantFrom(1, 5, 30, 61, 300, 3_600), lateSec: fc.option(fc.integer({ min: 1, max: LATENESS_MS / 1000 }), { freq: 2 }) }) },
);

type ViewCase = typeof viewArb extends fc.Arbitrary<infer T> ? T : never;

function planOf(v: ViewCase, until: number) {
  const [dashboard, panel] = PANELS[v.panel]!;
  const columns = panel.type === 'table' ? [...panel.dimensions, ...panel.measures] : [];
  const sortBy = v.sortBy === null ? undefined : columns[v.sortBy % Math.max(1, columns.length)];
  const view = ViewSchema.parse({ range: { last: v.last }, grain: v.grain, tz: v.tz, compare: v.compare, limit: v.limit, ...(sortBy ? { sort: { by: sortBy, dir: v.sortBy! % 2 ? 'asc' : 'desc' } } : {}) });
  return planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: until });
}

describe('merged totals: live KPI, top-N and table refreshes equal full queries', () => {
  it(`hold over ${RUNS} sequences of views, appends (late events included) and refreshes (seed ${SEED})`, async () => {
    const reused = async () => (await metrics().incrementalRefreshes.get()).values.find((v) => v.labels.shape === 'totals')?.value ?? 0;
    const before = await reused();
    await fc.assert(
      fc.asyncProperty(fc.array(viewArb, { minLength: 1, maxLength: 4 }), fc.array(stepArb, { minLength: 2, maxLength: 10 }), async (views, steps) => {
        const store = new BucketStore(16 << 20);
        for (const step of steps) {
          if ('aheadSec' in step) {
            const to = dataUntil + step.aheadSec * 1000;
            if (step.lateSec) await append(dataUntil - step.lateSec * 1000, dataUntil);
            await append(dataUntil, to);
            dataUntil = to;
            continue;
          }
          const v = views[step.refresh % views.length]!;
          let plan;
          try {
            plan = planOf(v, dataUntil);
          } catch {
            continue; // a grain too fine for the range: refused alike on both paths
          }
          const opts = { timeoutMs: 60_000, queryId: 'merged', tz: v.tz };
          const key = `view:${JSON.stringify(v)}`;
          const got = await runPlan(engine, plan, opts, { store, key, dataUntil });
          const want = await runPlan(engine, plan, opts);
          // Both sides are the embedded engine's exact answers: distinct counts and quantiles compared as exactly as the rest.
          const measures = exactly(plan.main.measures);
          const problem = rowsAgree(measures, plan.columns, got.rows, want.rows) ?? (want.compareRows && rowsAgree(measures, plan.columns, got.compareRows ?? [], want.compareRows));
          if (problem) throw new Error(`${PANELS[v.panel]![0].id}/${PANELS[v.panel]![1].id} ${JSON.stringify(v)} at ${new Date(dataUntil).toISOString()}: ${problem}`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    // The property held over refreshes that merged stored partials, not only over first answers.
    expect(await reused()).toBeGreaterThan(before);
  }, 600_000);

  // A day by the minute: about 11,500 (minute, topic, client) partial rows here, over a bound of 5,000;
  // a day's temperatures by the hour: far more than 1,000 characters of listed values.
  it.each([
    { reason: 'too_many_groups', id: 'topics-clients/pairs', grain: 'PT1M', bounds: { rows: 5_000, listChars: MAX_PARTIAL_LIST_CHARS } },
    { reason: 'too_many_values', id: 'building-sensors/kpis', grain: 'PT1H', bounds: { rows: MAX_PARTIAL_ROWS, listChars: 1_000 } },
  ])('asks $id over its bound ($reason) in full, once per refresh, and says so', async ({ reason, id, grain: viewGrain, bounds }) => {
    const tooMany = async () => (await metrics().incrementalFallbacks.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
    const [dashboard, panel] = PANELS.find(([d, p]) => `${d.id}/${p.id}` === id)!;
    const store = new BucketStore(64 << 20);
    const { main, grain } = planPanel({ dashboard, panel, view: ViewSchema.parse({ range: { last: 'P1D' }, grain: viewGrain }), tenant: 'acme', dataUntil });
    const opts = { timeoutMs: 60_000, queryId: 'bound', tz: 'UTC' };
    const before = await tooMany();
    const want = await engine.query(compile(main, 'duckdb'), opts);
    for (const round of [1, 2]) {
      seen.length = 0;
      const got = await runMerged(recording, main, grain, store, id, dataUntil, opts, bounds);
      expect(got).toEqual(want);
      expect((await tooMany()) - before).toBe(round);
      // The first refresh tried the partials (over the bound) then the plain query; the next one only the plain query.
      expect(seen).toHaveLength(round === 1 ? 2 : 1);
    }
  }, 120_000);

  it('asks the engine only for the open edge of live KPIs and top-N, distinct counts and quantiles included', async () => {
    const bounds = (q: CompiledQuery) => q.params.filter((p) => /^\d{4}-/.test(String(p.value))).map((p) => Date.parse(String(p.value)));
    const fallbacks = async () => (await metrics().incrementalFallbacks.get()).values.reduce((n, v) => n + v.value, 0);
    // Sums and counts; a distinct count; a quantile; both with a sum, an average and a ratio; a top-N ranked by a quantile.
    for (const id of ['cluster-overview/kpis', 'security-logins/kpis', 'building-sensors/kpis', 'api-traffic/kpis', 'api-traffic/slowest']) {
      const before = await fallbacks();
      const [dashboard, panel] = PANELS.find(([d, p]) => `${d.id}/${p.id}` === id)!;
      const store = new BucketStore(16 << 20);
      const plan = (until: number) => planPanel({ dashboard, panel, view: ViewSchema.parse({ range: { last: 'P1D' }, grain: 'PT1H', compare: 'none' }), tenant: 'acme', dataUntil: until });
      const opts = { timeoutMs: 60_000, queryId: 'edge', tz: 'UTC' };
      await runPlan(engine, plan(dataUntil), opts, { store, key: id, dataUntil });
      await append(dataUntil, dataUntil + 60_000);
      dataUntil += 60_000;
      seen.length = 0;
      const got = await runPlan(recording, plan(dataUntil), opts, { store, key: id, dataUntil });
      const want = await runPlan(engine, plan(dataUntil), opts);
      const { main, columns } = plan(dataUntil);
      // Sums of doubles may differ in their last bits (added in another order); distinct counts and quantiles may not.
      expect(rowsAgree(exactly(main.measures), columns, got.rows, want.rows), id).toBeNull();
      const exact = main.measures.flatMap((m, i) => (m.aggregate.type === 'distinct' || m.aggregate.type === 'quantile' ? [columns.length - main.measures.length + i] : []));
      expect(got.rows.map((r) => exact.map((i) => r[i])), id).toEqual(want.rows.map((r) => exact.map((i) => r[i])));
      expect(seen, id).toHaveLength(1);
      const [from, to] = bounds(seen[0]!);
      expect(to! - from!, id).toBeLessThanOrEqual(2 * 3_600_000);
      expect((await fallbacks()) - before, id).toBe(0);
    }
  }, 120_000);

  // Druid's SQL cannot run here (the stack suite compares its merged totals with its full answers):
  // this checks only which query each kind of total asks first, through a Druid that answers nothing.
  it.each([
    { id: 'cluster-overview/kpis', asks: 'partials', reason: null },
    { id: 'security-logins/kpis', asks: 'in full', reason: 'sketch' },
    { id: 'building-sensors/kpis', asks: 'in full', reason: 'sketch' },
  ])('on Druid asks $id $asks', async ({ id, asks, reason }) => {
    const sketch = async () => (await metrics().incrementalFallbacks.get()).values.find((v) => v.labels.reason === 'sketch')?.value ?? 0;
    const asked: CompiledQuery[] = [];
    const druid: Engine = { ...recordingEngine(engine, asked), name: 'druid', dialect: 'druid', tiered: false, query: async (q) => (asked.push(q), []) };
    const [dashboard, panel] = PANELS.find(([d, p]) => `${d.id}/${p.id}` === id)!;
    const { main, grain } = planPanel({ dashboard, panel, view: ViewSchema.parse({ range: { last: 'P1D' }, grain: 'PT1H' }), tenant: 'acme', dataUntil });
    const before = await sketch();
    await runMerged(druid, main, grain, new BucketStore(1 << 20), id, dataUntil, { timeoutMs: 1_000, queryId: 'druid', tz: 'UTC' });
    expect(asked).toHaveLength(1);
    expect(asked[0]!.sql).toBe(asks === 'partials' ? compile({ ...partialSpec(main, main.measures.map(recipe), MAX_PARTIAL_ROWS), bucket: grain, orderBy: [{ column: 't', dir: 'asc' }] }, 'druid').sql : compile(main, 'druid').sql);
    expect((await sketch()) - before).toBe(reason ? 1 : 0);
  });
});
