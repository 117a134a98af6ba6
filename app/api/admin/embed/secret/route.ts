import { issueEmbedSecret, removeEmbedSecret } from '@/lib/api/embed-admin';
import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Issues a new HS256 embedding secret, in this answer only (the previous one stops verifying). */
export const POST = route('admin-embed-secret', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await issueEmbedSecret({ store: rt.store, box: rt.secretBox, forget: (t) => rt.embed.forget(t) }, signedIn(admin, ctx)));
});

/** Removes the HS256 secret (the tenant then signs with its JWKS only, if any). */
export const DELETE = route('admin-embed-secret', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await removeEmbedSecret({ store: rt.store, box: rt.secretBox, forget: (t) => rt.embed.forget(t) }, signedIn(admin, ctx)));
});

export const { GET, HEAD, PUT, PATCH, OPTIONS } = undeclared('admin-embed-secret', '/api/admin/embed/secret');
