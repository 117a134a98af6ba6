import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { deleteDashboard, replaceDashboard } from '@/lib/api/tenant-dashboards';
import { assertDashboard } from '@/lib/auth/principal';
import { DashboardDocumentSchema } from '@/lib/contract/workspace';
import { publicDashboard } from '@/lib/dashboards/public';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal, requireUser } from '@/lib/runtime/session';
import { dashboardFor } from '@/lib/service/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const id = pathId(req, 'dashboard');
  ctx.note({ dashboard: id });
  assertDashboard(principal, id);
  return json({ dashboard: publicDashboard(await dashboardFor(await getRuntime(), principal.tenant, id)) });
});

/** Replaces a dashboard the tenant built (editors and admins). */
export const PUT = route('dashboard', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const id = pathId(req, 'dashboard');
  const doc = await parseBody(req, DashboardDocumentSchema);
  return json(await replaceDashboard((await getRuntime()).store, user, id, doc));
});

export const DELETE = route('dashboard', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await deleteDashboard((await getRuntime()).store, user, pathId(req, 'dashboard')));
});

export const { POST, PATCH, OPTIONS } = undeclared('dashboard', '/api/dashboards/{id}');
