import { route, json, parseBody } from '@/lib/api/handler';
import { lookUpInvitation } from '@/lib/api/invitations';
import { undeclared } from '@/lib/api/methods';
import { InvitationLookupRequestSchema } from '@/lib/contract/admin';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** What an invitation grants, for the page its link opens (no session needed; the token in the body). */
export const POST = route('invitation-lookup', async (req, ctx) => {
  const { token } = await parseBody(req, InvitationLookupRequestSchema);
  const details = await lookUpInvitation((await getRuntime()).store, token);
  ctx.note({ tenant: details.tenant });
  return json(details);
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('invitation-lookup', '/api/invitations/lookup');
