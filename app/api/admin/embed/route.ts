import { embedSettingsOf, setEmbedSettings } from '@/lib/api/embed-admin';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { EmbedSettingsRequestSchema } from '@/lib/contract/admin';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's embedding settings: allowed origins, JWKS URL, the secret's fingerprint (never the secret). */
export const GET = route('admin-embed', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  return json(await embedSettingsOf({ store: rt.store, box: rt.secretBox }, signedIn(admin, ctx).tenant));
});

/** Replaces the allowed origins and the JWKS URL (the secret is issued at /api/admin/embed/secret). */
export const PUT = route('admin-embed', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const body = await parseBody(req, EmbedSettingsRequestSchema);
  return json(await setEmbedSettings({ store: rt.store, box: rt.secretBox, forget: (t) => rt.embed.forget(t) }, signedIn(admin, ctx), body));
});

export const { POST, DELETE, PATCH, OPTIONS } = undeclared('admin-embed', '/api/admin/embed');
