import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { myTenants, switchTenant } from '@/lib/api/session-tenants';
import { SwitchTenantRequestSchema } from '@/lib/contract/admin';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** The tenants the signed-in user belongs to, with their role in each. */
export const GET = route('session-tenants', async (req, ctx) => {
  const rt = await getRuntime();
  return json(await myTenants(rt.store, signedIn(await rt.auth.requireUser(req), ctx)));
});

/** Moves the session to another of the user's tenants (404 without a membership there). */
export const POST = route('session-tenants', async (req, ctx) => {
  const rt = await getRuntime();
  const session = await rt.auth.requireSession(req);
  const { tenant } = await parseBody(req, SwitchTenantRequestSchema);
  const { user, setCookie } = await switchTenant(rt.store, rt.auth, session, tenant);
  return json({ user: signedIn(user, ctx) }, { headers: { 'set-cookie': setCookie } });
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('session-tenants', '/api/session/tenants');
