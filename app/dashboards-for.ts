import 'server-only';
import { tenantDashboard, tenantDashboardList } from '@/lib/api/tenant-dashboards';
import type { User } from '@/lib/auth/users';
import { canEdit } from '@/lib/contract/schemas';
import { findDashboard, listDashboards } from '@/lib/dashboards/registry';
import type { Dashboard } from '@/lib/dashboards/schema';
import { getRuntime } from '@/lib/runtime/runtime';

/** The configured dashboards, then the ones the user's tenant built (marked custom). */
export async function dashboardsFor(user: User): Promise<(Dashboard & { custom: boolean })[]> {
  const own = await tenantDashboardList((await getRuntime()).store, user.tenant);
  return [...listDashboards().map((d) => ({ ...d, custom: false })), ...own.map((d) => ({ ...d, custom: true }))];
}

/** A configured dashboard or one of the user's tenant, as the query API finds them. */
export async function dashboardFor(user: User, id: string): Promise<(Dashboard & { custom: boolean }) | undefined> {
  const shipped = findDashboard(id);
  if (shipped) return { ...shipped, custom: false };
  const own = await tenantDashboard((await getRuntime()).store, user.tenant, id);
  return own && { ...own, custom: true };
}

/** Editors and admins build and change the tenant's dashboards and share views. */
export const isEditor = (user: User) => canEdit(user.role);
