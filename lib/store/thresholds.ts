import 'server-only';
import type { Queryable } from './sql';

/** Rule id → the parameters a tenant overrides (validated by the API against the rules' defaults). */
export type Thresholds = Record<string, Record<string, number>>;

/** Every tenant's overrides (empty for a tenant without any) and when they last changed (null: never, or removed). */
export type TenantThresholds = { tenant: string; thresholds: Thresholds; changedAt: Date | null };

type Row = { tenant: string; rule: string | null; params: Record<string, number> | null; updated_at: Date | null };

function byTenant(rows: Row[]): TenantThresholds[] {
  const out = new Map<string, TenantThresholds>();
  for (const r of rows) {
    const t = out.get(r.tenant) ?? { tenant: r.tenant, thresholds: {}, changedAt: null };
    out.set(r.tenant, t);
    if (r.rule === null) continue;
    t.thresholds[r.rule] = r.params!;
    if (!t.changedAt || r.updated_at! > t.changedAt) t.changedAt = r.updated_at;
  }
  return [...out.values()];
}

export function thresholdsRepo(db: Queryable) {
  return {
    async forTenant(tenant: string): Promise<Thresholds> {
      const rows = await db.query<{ rule: string; params: Record<string, number> }>('select rule, params from alert_thresholds where tenant_id = $1 order by rule', [tenant]);
      return Object.fromEntries(rows.map((r) => [r.rule, r.params]));
    },

    /** Every tenant of the directory with its overrides: what the alert job's thresholds topic must hold. */
    async all(): Promise<TenantThresholds[]> {
      return byTenant(
        await db.query<Row>('select t.id as tenant, a.rule, a.params, a.updated_at from tenants t left join alert_thresholds a on a.tenant_id = t.id order by t.id, a.rule'),
      );
    },

    /** One tenant as `all` has it (an unknown tenant: no overrides). */
    async current(tenant: string): Promise<TenantThresholds> {
      const rows = await db.query<Row>('select tenant_id as tenant, rule, params, updated_at from alert_thresholds where tenant_id = $1 order by rule', [tenant]);
      return byTenant(rows)[0] ?? { tenant, thresholds: {}, changedAt: null };
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
