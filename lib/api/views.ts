import 'server-only';
import type { User } from '@/lib/auth/users';
import type { SavedView, SavedViewPatch, SavedViewRequest } from '@/lib/contract/workspace';
import { AppError } from '@/lib/errors/app-error';
import { checkSpan, checkView } from '@/lib/query/plan';
import { dashboardFor, type Answering } from '@/lib/service/service';
import type { SavedViewRow } from '@/lib/store/saved-views';
import type { Store } from '@/lib/store/store';
import { ViewSchema, type View } from '@/lib/view/schema';
import { assertEditor, newId } from './workspace-access';

/**
 * Saved views (/api/views). Scoped to the session's tenant: a view of another tenant, or
 * someone's private one, is "not found"; a shared view of someone else is "forbidden" to change.
 */

type Deps = { store: Store } & Pick<Answering, 'tenantDashboards'>;

const notFound = () => new AppError('not_found', 'There is no such saved view.', 'id');
const outdated = () => new AppError('conflict', 'This saved view was saved before a change to what a view can hold: save the view again.', 'view');

/** Null for a view stored before a schema change that it no longer fits: left out of the list, not a failed list. */
function savedView(row: SavedViewRow, who: string): SavedView | null {
  const view = ViewSchema.safeParse(row.view);
  if (!view.success) return null;
  return {
    id: row.id,
    dashboard: row.dashboard,
    name: row.name,
    view: view.data,
    shared: row.shared,
    owner: row.owner,
    mine: row.owner === who,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A saved view as it is now, after a change. */
async function current(rt: Deps, user: User, id: string): Promise<SavedView> {
  const v = savedView((await rt.store.savedViews.get(user.tenant, user.email, id))!, user.email);
  if (!v) throw outdated();
  return v;
}

/** The view is one this dashboard can show: its dimensions, its span and its grain (the query API's own checks). */
async function checkAgainstDashboard(rt: Deps, tenant: string, dashboard: string, view: View): Promise<void> {
  const d = await dashboardFor(rt, tenant, dashboard);
  checkView(d, view);
  checkSpan(d, view);
}

export async function listViews(rt: Deps, user: User, dashboard: string) {
  await dashboardFor(rt, user.tenant, dashboard);
  return { views: (await rt.store.savedViews.list(user.tenant, user.email, dashboard)).flatMap((r) => savedView(r, user.email) ?? []) };
}

export async function saveView(rt: Deps, user: User, body: Required<Omit<SavedViewRequest, 'view'>> & { view: View }): Promise<SavedView> {
  await checkAgainstDashboard(rt, user.tenant, body.dashboard, body.view);
  if (body.shared) await assertEditor(rt.store, user, 'share views');
  const id = newId();
  await rt.store.transaction(async (s) => {
    await s.savedViews.create({ id, tenant: user.tenant, owner: user.email, dashboard: body.dashboard, name: body.name, view: body.view, shared: body.shared });
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'view_saved', target: id, detail: { dashboard: body.dashboard, name: body.name, shared: body.shared } });
  });
  return current(rt, user, id);
}

export async function changeView(rt: Deps, user: User, id: string, patch: SavedViewPatch): Promise<SavedView> {
  const before = await rt.store.savedViews.get(user.tenant, user.email, id);
  if (!before) throw notFound();
  // A view that no longer fits changes only by being saved again.
  if (!patch.view && !savedView(before, user.email)) throw outdated();
  const { default: asDefault, ...fields } = patch;
  const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) {
    if (before.owner !== user.email) throw new AppError('forbidden', 'Only the person who saved this view may change it. Save a copy of your own instead.');
    if (patch.view) await checkAgainstDashboard(rt, user.tenant, before.dashboard, patch.view);
    if (patch.shared) await assertEditor(rt.store, user, 'share views');
  }
  await rt.store.transaction(async (s) => {
    if (Object.keys(changes).length) {
      await s.savedViews.update(user.tenant, user.email, id, changes);
      if (patch.shared === false) await s.savedViews.dropOthersDefaults(user.tenant, user.email, id);
      await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'view_changed', target: id, detail: { changed: Object.keys(changes), ...(patch.name ? { name: patch.name } : {}) } });
    }
    if (asDefault !== undefined) await s.savedViews.setDefault(user.tenant, user.email, before, asDefault);
  });
  return current(rt, user, id);
}

export async function deleteView(rt: Deps, user: User, id: string) {
  const before = await rt.store.savedViews.get(user.tenant, user.email, id);
  if (!before) throw notFound();
  if (before.owner !== user.email) throw new AppError('forbidden', 'Only the person who saved this view may delete it.');
  await rt.store.transaction(async (s) => {
    await s.savedViews.remove(user.tenant, user.email, id);
    await s.audit.record({ tenant: user.tenant, actor: user.email, action: 'view_deleted', target: id, detail: { dashboard: before.dashboard, name: before.name } });
  });
  return { deleted: true as const };
}
