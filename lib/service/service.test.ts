/**
 * Regression tests for wrong answers the oracle (oracle.test.ts) was built to catch, as plain
 * cases on the embedded engine with the real caches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDashboard } from '@/lib/dashboards/registry';
import { planPanel } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import { embeddedWorld, FRESHNESS } from '@/lib/testing/embedded-world';
import { oracleService } from '@/lib/testing/oracle-service';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { answerPanel, type Answering } from './service';

let world: Awaited<ReturnType<typeof embeddedWorld>>;
beforeAll(async () => {
  world = await embeddedWorld(10);
}, 120_000);
afterAll(() => world?.close());

const ask = (service: Answering, tenant: string, dashboard: string, panel: string, view: ViewInput) =>
  answerPanel(service, { tenant, locked: [], dashboard, panel, view: ViewSchema.parse(view) }).then((a) => a.response);

/** The same request computed from scratch at the tenant's current data. */
async function uncached(tenant: string, dashboardId: string, panelId: string, view: ViewInput) {
  const dashboard = findDashboard(dashboardId)!;
  const until = (await world.engine.dataUntilByTenant(dashboard.datasource as 'alerts', world.freshnessWindow(world.clock.now))).get(tenant)!;
  const plan = planPanel({ dashboard, panel: dashboard.panels.find((p) => p.id === panelId)!, view: ViewSchema.parse(view), tenant, dataUntil: until });
  return { plan, result: await runPlan(world.engine, plan, { timeoutMs: 30_000, queryId: 't', tz: plan.main.tz }) };
}

describe('answers never depend on what was asked before', () => {
  it('answers "last 7 days" with its own numbers after "last day" at the same grain', async () => {
    const service = oracleService(world, FRESHNESS)()[0]!;
    for (const tenant of world.tenants) {
      const day = await ask(service, tenant, 'alerts', 'by_severity', { range: { last: 'P1D' }, grain: 'PT1H' });
      const week = await ask(service, tenant, 'alerts', 'by_severity', { range: { last: 'P7D' } });
      const want = await uncached(tenant, 'alerts', 'by_severity', { range: { last: 'P7D' } });
      expect(week.meta.interval.start, tenant).not.toBe(day.meta.interval.start);
      expect(week.meta.interval.start).toBe(new Date(want.plan.interval.start).toISOString());
      expect(week.rows, tenant).toEqual(want.result.rows);
      expect(week.rows.length, tenant).toBeGreaterThan(0);
    }
  });

  it('sums a brushed time series to the KPI total of the same range, whatever was asked before', async () => {
    const service = oracleService(world, FRESHNESS)()[0]!;
    const end = world.clock.now - 3 * 3_600_000 - 17 * 60_000;
    const brushed = { start: new Date(end - 20 * 3_600_000 - 41 * 60_000).toISOString(), end: new Date(end).toISOString() };
    const aligned = { start: new Date(Math.floor(Date.parse(brushed.start) / 3_600_000) * 3_600_000).toISOString(), end: new Date(Math.ceil(end / 3_600_000) * 3_600_000).toISOString() };
    const view = (range: { start: string; end: string }): ViewInput => ({ range, grain: 'PT1H', split: null });
    await ask(service, 'acme', 'security-logins', 'attempts_by_result', view(aligned));
    const series = await ask(service, 'acme', 'security-logins', 'attempts_by_result', view(brushed));
    const kpi = await ask(service, 'acme', 'security-logins', 'kpis', view(brushed));
    const total = series.rows.reduce((sum, r) => sum + Number(r.at(-1)), 0);
    expect(total).toBe(kpi.rows[0]![kpi.columns.findIndex((c) => c.name === 'attempts')]);
  });

  it('lists each alert at its minute, newest first: only what happened, never a zero-filled minute', async () => {
    const service = oracleService(world, FRESHNESS)()[0]!;
    for (const tenant of world.tenants) {
      const list = await ask(service, tenant, 'alerts', 'recent', { range: { last: 'P7D' } });
      const kpi = await ask(service, tenant, 'alerts', 'kpis', { range: { last: 'P7D' } });
      expect(list.columns.map((c) => c.name)).toEqual(['t', 'rule', 'severity', 'message', 'alerts', 'max_value']);
      const times = list.rows.map((r) => Number(r[0]));
      expect(times.length, tenant).toBeGreaterThan(0);
      expect(times, tenant).toEqual([...times].sort((a, b) => b - a));
      for (const t of times) expect(t % 60_000).toBe(0);
      for (const r of list.rows) expect(Number(r[4])).toBeGreaterThan(0);
      // Under the row limit, the listed alerts are all the alerts of the range.
      expect(list.rows.length).toBeLessThan(100);
      expect(list.rows.reduce((sum, r) => sum + Number(r[4]), 0)).toBe(kpi.rows[0]![0]);
      expect(list.rows).toEqual((await uncached(tenant, 'alerts', 'recent', { range: { last: 'P7D' } })).result.rows);
    }
  });

  it("anchors a tenant's relative ranges to its own data, not to another tenant's newer data", async () => {
    const service = oracleService(world, FRESHNESS)()[0]!;
    const view = { range: { last: 'PT1H' as const }, grain: 'PT1M' as const };
    const before = await ask(service, 'globex', 'security-logins', 'kpis', view);
    world.clock.now += 10 * 60_000;
    await world.append!(["acme"], world.clock.now);
    const acme = await ask(service, 'acme', 'security-logins', 'kpis', view);
    const globex = await ask(service, 'globex', 'security-logins', 'kpis', view);
    expect(Date.parse(acme.meta.interval.end)).toBe(world.clock.now);
    expect(globex.meta.interval).toEqual(before.meta.interval);
  });
});
