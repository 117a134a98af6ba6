import 'server-only';
import type { User } from '@/lib/auth/users';
import { declarations, findDashboard } from '@/lib/dashboards/registry';
import type { Dashboard } from '@/lib/dashboards/schema';
import { checkTenantDashboard, servedTenantDashboard } from '@/lib/dashboards/tenant-dashboard';
import { AppError, invalid } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';
import { assertEditor, newId } from './workspace-access';

/**
 * Dashboards a tenant's editors build (/api/dashboards POST, PUT, DELETE): stored per tenant,
 * validated as configured ones are. Another tenant's dashboard is "not found", by any id.
 */

/** More than any team needs; keeps one tenant from filling the database. */
export const MAX_TENANT_DASHBOARDS = 100;

const DASHBOARD_ID = /^[a-z][a-z0-9-]{0,63}$/;
const notFound = () => new AppError('not_found', 'There is no such dashboard.', 'id');

/** The tenant's dashboard of this id as served, or undefined. */
export async function tenantDashboard(store: Store, tenant: string, id: string): Promise<Dashboard | undefined> {
  if (!DASHBOARD_ID.test(id)) return undefined;
  const row = await store.tenantDashboards.get(tenant, id);
  return row ? servedTenantDashboard(row.definition, declarations().datasources) : undefined;
}

/** The tenant's own dashboards, oldest first (one whose datasource went away is left out). */
export async function tenantDashboardList(store: Store, tenant: string): Promise<Dashboard[]> {
  const rows = await store.tenantDashboards.list(tenant);
  return rows.flatMap((r) => servedTenantDashboard(r.definition, declarations().datasources) ?? []);
}

/** The stored document of the tenant's dashboard (what the builder edits) and its revision, or undefined. */
export async function tenantDashboardDocument(store: Store, tenant: string, id: string): Promise<{ definition: unknown; revision: number } | undefined> {
  const row = DASHBOARD_ID.test(id) ? await store.tenantDashboards.get(tenant, id) : null;
  return row ? { definition: row.definition, revision: row.revision } : undefined;
}

export async function createDashboard(store: Store, user: User, doc: Record<string, unknown>) {
  await assertEditor(store, user, 'build dashboards');
  // Ids of the tenant's dashboards never shadow a configured one: a letter, then random.
  let id = `my-${newId(5)}`;
  while (findDashboard(id)) id = `my-${newId(5)}`;
  const { decl } = checkTenantDashboard(doc, id, declarations().datasources);
  await store.transaction(async (s) => {
    // Instances creating at once would each count below the cap: they take turns.
    await s.tenants.lock(user.tenant);
    if ((await s.tenantDashboards.list(user.tenant)).length >= MAX_TENANT_DASHBOARDS) {
      throw new AppError('conflict', `A tenant may keep at most ${MAX_TENANT_DASHBOARDS} dashboards of its own: delete one first.`);
    }
    await s.tenantDashboards.create({ tenant: user.tenant, id, definition: decl, createdBy: user.email });
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'dashboard_created', target: id, detail: { title: decl.title, panels: decl.panels.length } });
  });
  return { id, revision: 1 };
}

/**
 * Replaces the tenant's dashboard. With `ifRevision` (the request's If-Match) only over that
 * revision: an editor saving over someone else's newer change gets 412 instead of silently undoing it.
 */
export async function replaceDashboard(store: Store, user: User, id: string, doc: Record<string, unknown>, ifRevision?: number) {
  await assertEditor(store, user, 'change dashboards');
  if (findDashboard(id)) throw new AppError('forbidden', 'This dashboard is configured by your provider: duplicate it to change your own copy.', 'id');
  if (!(await tenantDashboardDocument(store, user.tenant, id))) throw notFound();
  if (doc.id !== undefined && doc.id !== id) throw invalid('the id is the one in the path', 'id');
  const { decl } = checkTenantDashboard(doc, id, declarations().datasources);
  const revision = await store.transaction(async (s) => {
    const r = await s.tenantDashboards.replace(user.tenant, id, decl, ifRevision);
    if (r === null) {
      const now = await s.tenantDashboards.get(user.tenant, id);
      if (!now) throw notFound();
      throw new AppError('precondition_failed', `Someone changed this dashboard since you opened it (it is at revision ${now.revision}, you edited ${ifRevision}): reload to see their change.`, 'If-Match');
    }
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'dashboard_changed', target: id, detail: { title: decl.title, panels: decl.panels.length, revision: r } });
    return r;
  });
  return { id, revision };
}

export async function deleteDashboard(store: Store, user: User, id: string) {
  await assertEditor(store, user, 'delete dashboards');
  if (findDashboard(id)) throw new AppError('forbidden', 'This dashboard is configured by your provider and cannot be deleted.', 'id');
  await store.transaction(async (s) => {
    const doc = DASHBOARD_ID.test(id) ? await s.tenantDashboards.get(user.tenant, id) : null;
    if (!doc || !(await s.tenantDashboards.remove(user.tenant, id))) throw notFound();
    await s.savedViews.removeForDashboard(user.tenant, id);
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'dashboard_deleted', target: id, detail: { title: (doc.definition as { title?: string }).title ?? id } });
  });
  return { deleted: true as const };
}
