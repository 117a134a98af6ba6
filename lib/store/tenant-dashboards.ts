import 'server-only';
import type { Queryable } from './sql';

/** A dashboard a tenant built, as stored: `definition` is the validated dashboard document. */
export type TenantDashboardRow = { id: string; definition: unknown; revision: number; createdBy: string; updatedAt: Date };

const COLUMNS = 'id, definition, revision, created_by as "createdBy", updated_at as "updatedAt"';

export function tenantDashboardsRepo(db: Queryable) {
  return {
    async list(tenant: string): Promise<TenantDashboardRow[]> {
      return db.query<TenantDashboardRow>(`select ${COLUMNS} from tenant_dashboards where tenant_id = $1 order by created_at, id`, [tenant]);
    },

    /** The tenant's dashboard of this id, or null (another tenant's included). */
    async get(tenant: string, id: string): Promise<TenantDashboardRow | null> {
      return (await db.query<TenantDashboardRow>(`select ${COLUMNS} from tenant_dashboards where tenant_id = $1 and id = $2`, [tenant, id]))[0] ?? null;
    },

    async create(d: { tenant: string; id: string; definition: unknown; createdBy: string }): Promise<void> {
      await db.query('insert into tenant_dashboards (tenant_id, id, definition, created_by) values ($1, $2, $3, $4)', [d.tenant, d.id, JSON.stringify(d.definition), d.createdBy]);
    },

    /**
     * Replaces the definition; the new revision, or null when the tenant has no such dashboard or,
     * given `ifRevision`, its revision is another. The check is in the update itself, so of two
     * editors saving over the same revision at once exactly one succeeds.
     */
    async replace(tenant: string, id: string, definition: unknown, ifRevision?: number): Promise<number | null> {
      const rows = await db.query<{ revision: number }>(
        'update tenant_dashboards set definition = $3, revision = revision + 1, updated_at = now() where tenant_id = $1 and id = $2 and ($4::int is null or revision = $4) returning revision',
        [tenant, id, JSON.stringify(definition), ifRevision ?? null],
      );
      return rows[0]?.revision ?? null;
    },

    async remove(tenant: string, id: string): Promise<boolean> {
      return (await db.query('delete from tenant_dashboards where tenant_id = $1 and id = $2 returning id', [tenant, id])).length > 0;
    },
  };
}
