import { acceptInvitation } from '@/lib/api/admin';
import { route, json, parseBody } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { hashPassword } from '@/lib/auth/password';
import { AcceptInvitationRequestSchema } from '@/lib/contract/admin';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** Accepts an invitation with its token (no session needed); then sign in with POST /api/session. */
export const POST = route('accept-invitation', async (req, ctx) => {
  const body = await parseBody(req, AcceptInvitationRequestSchema);
  const accepted = await acceptInvitation((await getRuntime()).store, body, hashPassword);
  ctx.note({ tenant: accepted.tenant });
  return json(accepted);
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('accept-invitation', '/api/invitations/accept');
