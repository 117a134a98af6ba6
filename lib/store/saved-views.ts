import 'server-only';
import type { Queryable } from './sql';

/** A saved view as stored: `view` is the validated view JSON (lib/view/schema.ts). */
export type SavedViewRow = {
  id: string;
  owner: string;
  dashboard: string;
  name: string;
  view: unknown;
  shared: boolean;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const COLUMNS = `v.id, v.owner, v.dashboard, v.name, v.view, v.shared, v.created_at as "createdAt", v.updated_at as "updatedAt",
  exists (select 1 from saved_view_defaults d where d.tenant_id = v.tenant_id and d.owner = $2 and d.view_id = v.id) as "isDefault"`;
/** What `who` may see in their tenant: their own views and the shared ones. */
const VISIBLE = 'v.tenant_id = $1 and (v.owner = $2 or v.shared)';

export function savedViewsRepo(db: Queryable) {
  return {
    /** The views of a dashboard `who` may see, by name. */
    async list(tenant: string, who: string, dashboard: string): Promise<SavedViewRow[]> {
      return db.query<SavedViewRow>(`select ${COLUMNS} from saved_views v where ${VISIBLE} and v.dashboard = $3 order by lower(v.name), v.id`, [tenant, who, dashboard]);
    },

    /** One view `who` may see, or null (another tenant's, or someone's private one). */
    async get(tenant: string, who: string, id: string): Promise<SavedViewRow | null> {
      return (await db.query<SavedViewRow>(`select ${COLUMNS} from saved_views v where ${VISIBLE} and v.id = $3`, [tenant, who, id]))[0] ?? null;
    },

    async create(v: { id: string; tenant: string; owner: string; dashboard: string; name: string; view: unknown; shared: boolean }): Promise<void> {
      await db.query('insert into saved_views (id, tenant_id, owner, dashboard, name, view, shared) values ($1, $2, $3, $4, $5, $6, $7)', [
        v.id,
        v.tenant,
        v.owner,
        v.dashboard,
        v.name,
        JSON.stringify(v.view),
        v.shared,
      ]);
    },

    /** Changes the owner's view; false when `owner` does not own a view of this id in the tenant. */
    async update(tenant: string, owner: string, id: string, patch: { name?: string; view?: unknown; shared?: boolean }): Promise<boolean> {
      const rows = await db.query(
        `update saved_views set name = coalesce($4, name), view = coalesce($5::jsonb, view), shared = coalesce($6, shared), updated_at = now()
         where tenant_id = $1 and owner = $2 and id = $3 returning id`,
        [tenant, owner, id, patch.name ?? null, patch.view === undefined ? null : JSON.stringify(patch.view), patch.shared ?? null],
      );
      return rows.length > 0;
    },

    /** Unsharing a view takes it away from others' defaults too. */
    async dropOthersDefaults(tenant: string, owner: string, id: string): Promise<void> {
      await db.query('delete from saved_view_defaults where tenant_id = $1 and view_id = $3 and owner <> $2', [tenant, owner, id]);
    },

    /** The views of a dashboard that is gone (a tenant's own, deleted). */
    async removeForDashboard(tenant: string, dashboard: string): Promise<void> {
      await db.query('delete from saved_views where tenant_id = $1 and dashboard = $2', [tenant, dashboard]);
    },

    async remove(tenant: string, owner: string, id: string): Promise<boolean> {
      return (await db.query('delete from saved_views where tenant_id = $1 and owner = $2 and id = $3 returning id', [tenant, owner, id])).length > 0;
    },

    /** Makes the view `who`'s default of its dashboard (replacing any other), or clears it. */
    async setDefault(tenant: string, who: string, view: { id: string; dashboard: string }, on: boolean): Promise<void> {
      if (on) {
        await db.query(
          `insert into saved_view_defaults (tenant_id, owner, dashboard, view_id) values ($1, $2, $3, $4)
           on conflict (tenant_id, owner, dashboard) do update set view_id = excluded.view_id`,
          [tenant, who, view.dashboard, view.id],
        );
      } else {
        await db.query('delete from saved_view_defaults where tenant_id = $1 and owner = $2 and view_id = $3', [tenant, who, view.id]);
      }
    },
  };
}
