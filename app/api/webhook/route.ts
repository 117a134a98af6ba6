import { z } from 'zod';
import { route, json, parseBody } from '@/lib/api/handler';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

const RegisterSchema = z.strictObject({ url: z.string().min(1).max(2_000) });

/** The tenant's webhook (never its secret); its deliveries are at /api/webhook/deliveries. */
export const GET = route('webhook', async (req) => {
  const { tenant } = await requireUser(req);
  const hook = await (await getRuntime()).webhooks.get(tenant);
  return json({ webhook: hook ? { url: hook.url, createdAt: hook.createdAt } : null });
});

/** Registers (or replaces) the webhook; the signing secret is in this answer only. */
export const PUT = route('webhook', async (req) => {
  const { tenant } = await requireUser(req);
  const { url } = await parseBody(req, RegisterSchema);
  const hook = await (await getRuntime()).webhooks.register(tenant, url);
  return json({ webhook: { url: hook.url, createdAt: hook.createdAt }, secret: hook.secret });
});

export const DELETE = route('webhook', async (req) => {
  const { tenant } = await requireUser(req);
  return json({ removed: await (await getRuntime()).webhooks.remove(tenant) });
});
