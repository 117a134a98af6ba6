import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDashboard } from '@/lib/dashboards/registry';
import { planPanel } from '@/lib/query/plan';
import { ViewSchema } from '@/lib/view/schema';
import { memoPlan } from './plan-memo';

const dashboard = findDashboard('cluster-overview')!;
const RANGES = ['PT15M', 'PT1H', 'P1D', 'P7D'] as const;

describe('memoPlan', () => {
  it('gives what planPanel gives, for any panel, range, tenant and data end, and the same plan again for the same arguments', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...dashboard.panels),
        fc.constantFrom(...RANGES),
        fc.constantFrom('acme', 'globex'),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.constantFrom(undefined, 'previous' as const),
        (panel, last, tenant, dataUntil, compare) => {
          const view = ViewSchema.parse({ range: { last }, tz: 'UTC', ...(compare ? { compare } : {}) });
          const args = { dashboard, panel, view, tenant, dataUntil };
          const memo = memoPlan(args);
          expect(memo).toEqual(planPanel(args));
          expect(memoPlan({ ...args, view: ViewSchema.parse({ range: { last }, tz: 'UTC', ...(compare ? { compare } : {}) }) })).toBe(memo);
          // Another data end, tenant or view is another plan.
          expect(memoPlan({ ...args, dataUntil: dataUntil + 60_000 }).interval).toEqual(planPanel({ ...args, dataUntil: dataUntil + 60_000 }).interval);
          expect(memoPlan({ ...args, tenant: `${tenant}-other` }).main.tenant).toBe(`${tenant}-other`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not keep a view that fails to plan', () => {
    const panel = dashboard.panels[0]!;
    const view = ViewSchema.parse({ range: { last: 'P7D' }, tz: 'UTC', grain: 'PT1M' });
    const args = { dashboard, panel, view, tenant: 'acme', dataUntil: 1_750_000_000_000 };
    expect(() => planPanel(args)).toThrow();
    expect(() => memoPlan(args)).toThrow();
    expect(() => memoPlan(args)).toThrow();
  });
});
