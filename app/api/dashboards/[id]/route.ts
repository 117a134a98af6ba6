import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { ifMatchRevision, revisionTag } from '@/lib/api/if-match';
import { pathId } from '@/lib/api/path-id';
import { deleteDashboard, replaceDashboard, tenantDashboardDocument } from '@/lib/api/tenant-dashboards';
import { assertDashboard } from '@/lib/auth/principal';
import { DashboardDocumentSchema } from '@/lib/contract/workspace';
import { publicDashboard } from '@/lib/dashboards/public';
import { findDashboard } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal, requireUser } from '@/lib/runtime/session';
import { dashboardFor } from '@/lib/service/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const id = pathId(req, 'dashboard');
  ctx.note({ dashboard: id });
  assertDashboard(principal, id);
  const rt = await getRuntime();
  const dashboard = publicDashboard(await dashboardFor(rt, principal.tenant, id));
  // A dashboard the tenant built carries its revision, for a guarded PUT (If-Match).
  const revision = findDashboard(id) ? undefined : (await tenantDashboardDocument(rt.store, principal.tenant, id))?.revision;
  return json({ dashboard }, revision ? { headers: { etag: revisionTag(revision) } } : {});
});

/** Replaces a dashboard the tenant built (editors and admins); with If-Match, only over that revision. */
export const PUT = route('dashboard', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const id = pathId(req, 'dashboard');
  const ifRevision = ifMatchRevision(req.headers.get('if-match'));
  const doc = await parseBody(req, DashboardDocumentSchema);
  return json(await replaceDashboard((await getRuntime()).store, user, id, doc, ifRevision));
});

export const DELETE = route('dashboard', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await deleteDashboard((await getRuntime()).store, user, pathId(req, 'dashboard')));
});

export const { POST, PATCH, OPTIONS } = undeclared('dashboard', '/api/dashboards/{id}');
