/**
 * Rollup tiers against the ingest grain on the embedded engine: random views (every dashboard's
 * panels, zones with DST and half-hour and 45-minute offsets, ranges on and off the hour,
 * filters, splits, compare), each answered with the tiers the planner picks and with tiers
 * forced off, with live appends between them: the answers must be the same (rowsAgree: integers
 * exactly, doubles within float rounding, as sums of doubles depend on their order).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDatasource, listDatasources } from '@/lib/dashboards/registry';
import { datasourceTiers } from '@/lib/dashboards/tiers';
import type { PanelPlan } from '@/lib/query/plan';
import { tierParts } from '@/lib/query/tiers';
import { quoteIdent } from '@/lib/sql/query';
import { runPlan, type PlanResult } from '@/lib/service/run';
import { rowsAgree } from '@/lib/testing/conformance';
import { answerPanel } from '@/lib/service/service';
import { embeddedWorld, FRESHNESS } from '@/lib/testing/embedded-world';
import { oracleService } from '@/lib/testing/oracle-service';
import { concrete, planRequest, planSpecs, requestArb } from '@/lib/testing/oracle';
import { untiered } from '@/lib/testing/tiers';
import { ViewSchema } from '@/lib/view/schema';

const RUNS = Number(process.env.ORACLE_RUNS ?? 150);
const SEED = Number(process.env.ORACLE_SEED ?? 20261204);

let world: Awaited<ReturnType<typeof embeddedWorld>>;
beforeAll(async () => {
  world = await embeddedWorld();
}, 120_000);
afterAll(() => world?.close());

/** Specs a plan runs (phase one included) that read at least one tier. */
function tiered(plan: PanelPlan): number {
  return planSpecs(plan).filter((s) => tierParts(s, datasourceTiers(findDatasource(s.datasource)!))).length;
}

function differ(plan: PanelPlan, a: PlanResult, b: PlanResult): string | null {
  const measures = { measures: plan.main.measures };
  const pairs: [string, unknown, unknown][] = [
    ['rows', a.rows, b.rows],
    ['compare', a.compareRows, b.compareRows],
    ['trend', a.trendRows, b.trendRows],
    ...(a.expectedRows ?? []).map((w, i): [string, unknown, unknown] => [`week ${i + 1}`, w, b.expectedRows?.[i]]),
  ];
  for (const [what, x, y] of pairs) {
    if (x === null && y === null) continue;
    if (!Array.isArray(x) || !Array.isArray(y)) return `${what}: present on one side only`;
    const columns = what === 'trend' ? [{ name: 't', type: 'time' as const }, ...plan.columns] : plan.columns;
    const problem = rowsAgree(measures, columns, x, y);
    if (problem) return `${what}: ${problem}`;
  }
  return null;
}

describe('rollup tiers answer exactly what the ingest grain answers', () => {
  it(`holds over ${RUNS} random views with live appends between them (seed ${SEED})`, async () => {
    const base = untiered(world.engine);
    let specsOnTiers = 0;
    const step = fc.record({ request: requestArb, tickMs: fc.constantFrom(0, 0, 1_000, 65_000, 20 * 60_000, 3_600_000), tenants: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }) });
    await fc.assert(
      fc.asyncProperty(step, async ({ request, tickMs, tenants }) => {
        if (tickMs) {
          world.clock.now += tickMs;
          await world.append!([...new Set(tenants.map((i) => world.tenants[i % world.tenants.length]!))], world.clock.now);
        }
        const req = concrete(world, request, world.clock.now);
        const plan = await planRequest(world, req);
        if (!plan) return; // refused either way: nothing reaches an engine
        specsOnTiers += tiered(plan);
        const opts = { timeoutMs: 60_000, queryId: 'tiers', tz: plan.main.tz };
        const [withTiers, without] = [await runPlan(world.engine, plan, opts), await runPlan(base, plan, opts)];
        const problem = differ(plan, withTiers, without);
        if (problem) throw new Error(`${problem}\n  request ${JSON.stringify(req)}`);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    // Not vacuous: the planner did read tiers.
    expect(specsOnTiers).toBeGreaterThan(RUNS / 3);
  }, 300_000);

  it('says in meta.tier which tier answered: totals from days in any zone, daily series from days in UTC, hours in Berlin, neither in Kolkata', async () => {
    const answer = async (panel: string, tz: string, grain: 'auto' | 'P1D', engineOf = (e: typeof world.engine) => e) => {
      const [service] = oracleService({ ...world, engine: engineOf(world.engine) }, FRESHNESS)();
      const view = ViewSchema.parse({ range: { last: 'P7D' }, tz, grain });
      return (await answerPanel(service!, { tenant: 'acme', locked: [], dashboard: 'cluster-overview', panel, view })).response.meta.tier;
    };
    expect(await answer('kpis', 'UTC', 'auto')).toBe('day');
    expect(await answer('kpis', 'Asia/Kolkata', 'auto')).toBe('day');
    expect(await answer('throughput', 'UTC', 'P1D')).toBe('day');
    expect(await answer('throughput', 'Europe/Berlin', 'P1D')).toBe('hour');
    expect(await answer('throughput', 'Asia/Kolkata', 'P1D')).toBeNull();
    expect(await answer('kpis', 'UTC', 'auto', untiered)).toBeNull();
  });

  it('folds live appends into the tier rows of their hour and day: one row per key', async () => {
    world.clock.now += 90 * 60_000;
    await world.append!(world.tenants, world.clock.now);
    const conn = await (world.engine as unknown as { connect: () => Promise<import('@duckdb/node-api').DuckDBConnection> }).connect();
    try {
      for (const ds of listDatasources()) {
        for (const tier of datasourceTiers(ds)) {
          const keys = ['ts', 'tenant', ...tier.dimensions].map(quoteIdent).join(', ');
          const reader = await conn.runAndReadAll(`SELECT COUNT(*) - COUNT(DISTINCT (${keys})) FROM ${quoteIdent(tier.table)}`);
          expect(Number(reader.getRowsJS()[0]![0]), tier.table).toBe(0);
        }
      }
    } finally {
      conn.closeSync();
    }
  });
});
