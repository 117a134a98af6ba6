import { route, json } from '@/lib/api/handler';
import { deliveryView } from '@/lib/alerts/outbox';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** The tenant's webhook delivery log, newest first: pending, delivered or dead, with generic reasons. */
export const GET = route('webhook-deliveries', async (req) => {
  const { tenant } = await requireUser(req);
  return json({ deliveries: (await (await getRuntime()).outbox.list(tenant, 100)).map(deliveryView) });
});
