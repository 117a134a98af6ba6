import 'server-only';
import type { Queryable } from './sql';

/** Rule id → the parameters a tenant overrides (validated by the API against the rules' defaults). */
export type Thresholds = Record<string, Record<string, number>>;

export function thresholdsRepo(db: Queryable) {
  return {
    async forTenant(tenant: string): Promise<Thresholds> {
      const rows = await db.query<{ rule: string; params: Record<string, number> }>('select rule, params from alert_thresholds where tenant_id = $1 order by rule', [tenant]);
      return Object.fromEntries(rows.map((r) => [r.rule, r.params]));
    },

    /** Replaces the tenant's overrides with these (a rule left out goes back to the defaults). */
    async replace(tenant: string, thresholds: Thresholds, tx: Queryable = db): Promise<void> {
      await tx.query('delete from alert_thresholds where tenant_id = $1', [tenant]);
      for (const [rule, params] of Object.entries(thresholds)) {
        await tx.query('insert into alert_thresholds (tenant_id, rule, params) values ($1, $2, $3)', [tenant, rule, JSON.stringify(params)]);
      }
    },
  };
}
