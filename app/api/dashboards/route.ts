import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { createDashboard, tenantDashboardList } from '@/lib/api/tenant-dashboards';
import { mayRead } from '@/lib/auth/principal';
import { DashboardDocumentSchema } from '@/lib/contract/workspace';
import { listDashboards } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal, requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The configured dashboards, then the tenant's own. */
export const GET = route('dashboards', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const own = await tenantDashboardList((await getRuntime()).store, principal.tenant);
  const summary = (custom: boolean) => ({ id, title, description }: { id: string; title: string; description: string }) => ({ id, title, description, custom });
  // An embed token lists the dashboards it names, no others.
  const all = [...listDashboards().map(summary(false)), ...own.map(summary(true))];
  return json({ dashboards: all.filter((d) => mayRead(principal, d.id)) });
});

/** A dashboard the tenant builds (editors and admins). */
export const POST = route('dashboards', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const doc = await parseBody(req, DashboardDocumentSchema);
  return json(await createDashboard((await getRuntime()).store, user, doc));
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('dashboards', '/api/dashboards');
