import { route, json, parseBody } from '@/lib/api/handler';
import { acceptInvitation } from '@/lib/api/invitations';
import { undeclared } from '@/lib/api/methods';
import { hashPassword } from '@/lib/auth/password';
import { AcceptInvitationRequestSchema } from '@/lib/contract/admin';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Accepts an invitation with its token (no session needed); a new account is signed in at once. */
export const POST = route('accept-invitation', async (req, ctx) => {
  const body = await parseBody(req, AcceptInvitationRequestSchema);
  const rt = await getRuntime();
  const { newAccount, tenantName, ...accepted } = await acceptInvitation(rt.store, body, hashPassword);
  ctx.note({ tenant: accepted.tenant });
  if (!newAccount) return json({ ...accepted, signedIn: false });
  const setCookie = await rt.auth.sessionCookie({ email: accepted.email, tenant: accepted.tenant, tenantName, role: accepted.role });
  return json({ ...accepted, signedIn: true }, { headers: { 'set-cookie': setCookie } });
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('accept-invitation', '/api/invitations/accept');
