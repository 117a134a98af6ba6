import { route, json, parseQuery, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { alertInbox } from '@/lib/alerts/inbox';
import { AlertsQuerySchema, type AlertsResponse } from '@/lib/contract/alerts';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

/** GET /api/alerts?state=open&tz=Europe/Berlin — the tenant's alerts of the last day with their states (cached, admitted). */
export const GET = route('alerts', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const { tz, state } = parseQuery(req, AlertsQuerySchema);
  const inbox = await alertInbox(await getRuntime(), user.tenant, tz, { signal: req.signal });
  return json({ alerts: state ? inbox.alerts.filter((a) => a.state === state) : inbox.alerts, open: inbox.open } satisfies AlertsResponse);
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('alerts', '/api/alerts');
