import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { addDestination, listDestinations } from '@/lib/api/destinations';
import { undeclared } from '@/lib/api/methods';
import { DestinationCreateSchema } from '@/lib/contract/destinations';
import { requireAdmin } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's e-mail, Slack and PagerDuty destinations, secrets masked, each with its last delivery (admins only). */
export const GET = route('destinations', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  const { tenant } = signedIn(admin, ctx);
  return json({ destinations: await listDestinations(rt, tenant) });
});

/** Adds a destination (admins only); a Slack URL is resolved and checked, so it is admitted like engine work. */
export const POST = route('destinations', async (req, ctx) => {
  const { admin, rt } = await requireAdmin(req);
  signedIn(admin, ctx);
  const input = await parseBody(req, DestinationCreateSchema);
  const destination = await rt.admission.run(admin.tenant, () => addDestination(rt, admin, input), { signal: req.signal });
  return json({ destination });
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('destinations', '/api/destinations');
