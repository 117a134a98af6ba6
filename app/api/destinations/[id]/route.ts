import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { changeDestination, removeDestination } from '@/lib/api/destinations';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { DestinationUpdateSchema } from '@/lib/contract/destinations';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Changes a destination's name, severities, zone or target; a secret left out is kept (admins only). */
export const PUT = route('destination', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  signedIn(admin, ctx);
  const id = pathId(req, 'destination');
  const input = await parseBody(req, DestinationUpdateSchema);
  const destination = await rt.admission.run(admin.tenant, () => changeDestination(rt, admin, id, input), { signal: req.signal });
  return json({ destination });
});

/** Removes a destination (admins only); its pending deliveries are dead-lettered as no_destination. */
export const DELETE = route('destination', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  signedIn(admin, ctx);
  await removeDestination(rt, admin, pathId(req, 'destination'));
  return json({ removed: true });
});

export const { GET, HEAD, POST, PATCH, OPTIONS } = undeclared('destination', '/api/destinations/{id}');
