import { route, json, signedIn } from '@/lib/api/handler';
import { testDestination } from '@/lib/api/destinations';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Queues a test message to the destination through the outbox (admins only); its delivery shows in the log. */
export const POST = route('destination-test', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  signedIn(admin, ctx);
  const deliveries = await rt.admission.run(admin.tenant, () => testDestination(rt, admin, pathId(req, 'destination', 1)), { signal: req.signal });
  return json({ deliveries });
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('destination-test', '/api/destinations/{id}/test');
