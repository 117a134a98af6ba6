import { AppError, isAppError } from '@/lib/api/errors';
import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { WebhookRequestSchema } from '@/lib/api/schemas';
import { getRuntime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

/** The tenant's webhook (never its secret) and its recent deliveries. */
export const GET = route('webhook', async (req, ctx) => {
  const { tenant } = await signedIn(req, ctx);
  const rt = await getRuntime();
  const hook = rt.webhooks.get(tenant);
  return json({ webhook: hook ? { url: hook.url, createdAt: hook.createdAt } : null, deliveries: rt.dispatcher.recent(tenant) });
});

/** Registers (or replaces) the webhook; the signing secret is in this answer only. */
export const PUT = route('webhook', async (req, ctx) => {
  const { tenant } = await signedIn(req, ctx);
  const { url } = await parseBody(req, WebhookRequestSchema);
  const rt = await getRuntime();
  let hook;
  try {
    hook = await rt.webhooks.register(tenant, url);
  } catch (err) {
    // Whatever the registry refuses a URL for, the client hears which field and why.
    if (isAppError(err)) throw err.code === 'invalid_input' ? new AppError('invalid_input', err.message, 'url') : err;
    throw err;
  }
  return json({ webhook: { url: hook.url, createdAt: hook.createdAt }, secret: hook.secret });
});

export const DELETE = route('webhook', async (req, ctx) => {
  const { tenant } = await signedIn(req, ctx);
  return json({ removed: (await getRuntime()).webhooks.remove(tenant) });
});

export const { POST, PATCH, OPTIONS } = undeclared('webhook', '/api/webhook');
