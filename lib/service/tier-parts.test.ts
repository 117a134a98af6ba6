/**
 * Druid's way of reading rollup tiers, checked on the embedded engine's tier tables (the same
 * rows a Druid tier datasource holds): random views, each spec the planner would split into tier
 * parts on Druid asked part by part as partial aggregates and merged (runTierParts), against the
 * same spec asked of the ingest grain in one query. Integers exactly, doubles within float rounding.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDatasource, listDashboards } from '@/lib/dashboards/registry';
import { datasourceTiers } from '@/lib/dashboards/tiers';
import { compile } from '@/lib/query/compile';
import { planPanel } from '@/lib/query/plan';
import { exactParts, tierParts } from '@/lib/query/tiers';
import { rowsAgree } from '@/lib/testing/conformance';
import { embeddedWorld } from '@/lib/testing/embedded-world';
import { concrete, planRequest, planSpecs, requestArb } from '@/lib/testing/oracle';
import { untiered } from '@/lib/testing/tiers';
import { ViewSchema } from '@/lib/view/schema';
import { runSpec } from './run-spec';
import { runTierParts } from './tier-parts';

const RUNS = Number(process.env.ORACLE_RUNS ?? 120);
const SEED = Number(process.env.ORACLE_SEED ?? 20261205);

let world: Awaited<ReturnType<typeof embeddedWorld>>;
beforeAll(async () => {
  world = await embeddedWorld();
}, 120_000);
afterAll(() => world?.close());

describe('tier parts merged from partial aggregates (Druid) answer what the ingest grain answers', () => {
  it(`holds over ${RUNS} random views with live appends between them (seed ${SEED})`, async () => {
    const base = untiered(world.engine);
    let merged = 0;
    const step = fc.record({ request: requestArb, tickMs: fc.constantFrom(0, 0, 65_000, 20 * 60_000, 3_600_000) });
    await fc.assert(
      fc.asyncProperty(step, async ({ request, tickMs }) => {
        if (tickMs) {
          world.clock.now += tickMs;
          await world.append!(world.tenants, world.clock.now);
        }
        const req = concrete(world, request, world.clock.now);
        const plan = await planRequest(world, req);
        if (!plan) return; // refused either way: nothing reaches an engine
        for (const spec of planSpecs(plan)) {
          // Every split the planner could make, short ranges included (where it declines tiers on cost).
          const parts = exactParts(spec, datasourceTiers(findDatasource(spec.datasource)!), 'druid');
          if (!parts) continue;
          const opts = { timeoutMs: 60_000, queryId: 'tier-parts', tz: spec.tz };
          // Each part straight from its table, as Druid reads a tier datasource.
          const fromParts = await runTierParts(spec, parts, (part) => world.engine.query(compile(part, 'duckdb'), opts), 'duckdb');
          const whole = await runSpec(base, spec, opts);
          expect(fromParts, 'no part is over the row bound here').not.toBeNull();
          const columns = [...(spec.bucket ? [{ name: 't', type: 'time' as const }] : []), ...spec.dimensions.map((name) => ({ name, type: 'string' as const })), ...spec.measures.map((m) => ({ name: m.id, type: 'number' as const }))];
          const problem = rowsAgree({ measures: spec.measures }, columns, whole, fromParts!);
          if (problem) throw new Error(`${problem}\n  request ${JSON.stringify(req)}\n  parts ${JSON.stringify(parts.map((p) => [p.tier?.grain ?? 'table', p.start, p.end]))}`);
          merged++;
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    // Not vacuous: many specs were answered from merged parts.
    expect(merged).toBeGreaterThan(RUNS / 3);
  }, 300_000);

  it('offers no parts where a measure cannot merge: distinct counts and quantiles read the datasource', () => {
    const view = ViewSchema.parse({ range: { last: 'P7D' }, tz: 'UTC' });
    const sketched = listDashboards().flatMap((dashboard) =>
      dashboard.panels
        .map((panel) => planPanel({ dashboard, panel, view, tenant: 'acme', dataUntil: Date.UTC(2026, 11, 4, 12, 30) }).main)
        .filter((s) => s.measures.some((m) => m.aggregate.type === 'quantile' || m.aggregate.type === 'distinct')),
    );
    expect(sketched.length).toBeGreaterThan(0);
    for (const spec of sketched) {
      const tiers = datasourceTiers(findDatasource(spec.datasource)!);
      expect(tierParts(spec, tiers, 'duckdb'), spec.measures.map((m) => m.id).join()).not.toBeNull();
      expect(exactParts(spec, tiers, 'druid')).toBeNull();
    }
  });
});
