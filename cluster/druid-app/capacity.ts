/**
 * What one Broker and two Historicals sustain for the dashboard mix: every shipped panel under the
 * load's views, planned as the app plans it and sent straight to the Broker (no app, no answer
 * cache) by `workers` concurrent clients for `seconds`. Counts Druid SQL queries and panel answers.
 */
import { randomUUID } from 'node:crypto';
import { listDashboards } from '@/lib/dashboards/registry';
import { DruidEngine } from '@/lib/engines/druid';
import { planPanel } from '@/lib/query/plan';
import { runPlan } from '@/lib/service/run';
import { ViewSchema } from '@/lib/view/schema';
import { VIEWS } from './load';

export async function brokerCapacity(broker: string, tenants: string[], workers: number, seconds: number) {
  let queries = 0;
  let failed = 0;
  // Counts the SQL requests each panel answer takes (a compare view, a top-N split take more than one).
  const druid = new DruidEngine(broker, {
    fetch: (input, init) => {
      if (init?.method !== 'DELETE') queries++;
      return fetch(input, init);
    },
  });
  const until = new Map<string, ReadonlyMap<string, number>>();
  const now = Date.now();
  const work = listDashboards().flatMap((d) =>
    d.panels.flatMap((panel) => tenants.flatMap((tenant) => VIEWS.map((view) => ({ d, panel, tenant, view: ViewSchema.parse(view) })))),
  );
  for (const ds of new Set(work.map((w) => w.d.datasource))) until.set(ds, await druid.dataUntilByTenant(ds, { start: now - 86_400_000, end: now }));
  let answers = 0;
  queries = 0; // only the load's own
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = w; Date.now() < end; i += workers) {
        const { d, panel, tenant, view } = work[i % work.length]!;
        const plan = planPanel({ dashboard: d, panel, view, tenant, dataUntil: until.get(d.datasource)?.get(tenant) ?? now });
        try {
          await runPlan(druid, plan, { timeoutMs: 30_000, queryId: `capacity-${randomUUID()}`, tz: plan.main.tz });
          answers++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { queriesPerSec: queries / seconds, answersPerSec: answers / seconds, failed, workers, seconds };
}
