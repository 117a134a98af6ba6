import 'server-only';
import { LRUCache } from 'lru-cache';
import { planPanel, type PanelPlan } from '@/lib/query/plan';

type PlanArgs = Parameters<typeof planPanel>[0];

/**
 * Plans made in the last moments, by everything a plan is made from. Planning is pure, so a
 * view many viewers ask for within the same second (the same data end) is planned once: on a
 * cache hit, planning was the largest part of the work. A dashboard's version stands for its
 * definition (a tenant's edit makes a new version), the view is compared in full.
 */
const plans = new LRUCache<string, PanelPlan>({ max: 2_000 });

export function memoPlan(args: PlanArgs): PanelPlan {
  const { dashboard, panel, view, tenant, dataUntil, expected } = args;
  const key = JSON.stringify([dashboard.id, dashboard.version, panel.id, tenant, dataUntil, expected ?? null, view]);
  let plan = plans.get(key);
  if (!plan) {
    plan = planPanel(args);
    plans.set(key, plan);
  }
  return plan;
}
