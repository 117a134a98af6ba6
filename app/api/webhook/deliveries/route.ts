import { route, json, parseQuery, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { deliveryView } from '@/lib/alerts/outbox';
import { DeliveriesQuerySchema } from '@/lib/contract/schemas';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** The tenant's delivery log (the webhook's and the destinations'), newest first: pending, delivered or dead, with generic reasons. */
export const GET = route('webhook-deliveries', async (req, ctx) => {
  const { tenant } = signedIn(await requireUser(req), ctx);
  const { destination } = parseQuery(req, DeliveriesQuerySchema);
  return json({ deliveries: (await (await getRuntime()).outbox.list(tenant, 100, destination)).map(deliveryView) });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('webhook-deliveries', '/api/webhook/deliveries');
