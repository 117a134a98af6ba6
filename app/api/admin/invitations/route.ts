import { invite } from '@/lib/api/admin';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { InviteRequestSchema } from '@/lib/contract/admin';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Invites someone into the tenant with a role; the token is in this answer only. */
export const POST = route('admin-invitations', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const body = await parseBody(req, InviteRequestSchema);
  return json(await invite(rt.store, signedIn(admin, ctx), body));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('admin-invitations', '/api/admin/invitations');
