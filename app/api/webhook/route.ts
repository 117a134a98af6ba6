import { AppError, isAppError } from '@/lib/errors/app-error';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { WebhookRequestSchema } from '@/lib/contract/schemas';
import { requireAdmin, requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** The tenant's webhook (never its secret); its deliveries are at /api/webhook/deliveries. */
export const GET = route('webhook', async (req, ctx) => {
  const { tenant } = signedIn(await requireUser(req), ctx);
  const hook = await (await getRuntime()).webhooks.get(tenant);
  return json({ webhook: hook ? { url: hook.url, createdAt: hook.createdAt } : null });
});

/** Registers (or replaces) the webhook (admins only); the signing secret is in this answer only. */
export const PUT = route('webhook', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const { tenant } = signedIn(admin, ctx);
  const { url } = await parseBody(req, WebhookRequestSchema);
  let hook;
  try {
    // Registration resolves the name and writes the store: admitted like engine work, so a burst is 429s.
    hook = await rt.admission.run(tenant, () => rt.webhooks.register(tenant, url), { signal: req.signal });
  } catch (err) {
    // Whatever the registry refuses a URL for, the client hears which field and why.
    if (isAppError(err)) throw err.code === 'invalid_input' ? new AppError('invalid_input', err.message, 'url') : err;
    throw err;
  }
  await rt.store.audit.record({ tenant, actor: admin.email, action: 'webhook_registered', target: hook.url });
  return json({ webhook: { url: hook.url, createdAt: hook.createdAt }, secret: hook.secret });
});

/** Removes the webhook (admins only). */
export const DELETE = route('webhook', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const { tenant } = signedIn(admin, ctx);
  const removed = await rt.admission.run(tenant, () => rt.webhooks.remove(tenant), { signal: req.signal });
  if (removed) await rt.store.audit.record({ tenant, actor: admin.email, action: 'webhook_removed' });
  return json({ removed });
});

export const { POST, PATCH, OPTIONS } = undeclared('webhook', '/api/webhook');
