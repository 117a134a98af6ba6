import { route, json, parseQuery, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { AlertsQuerySchema, type AlertsResponseSchema } from '@/lib/contract/schemas';
import { recentAlerts } from '@/lib/alerts/recent';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';
import type { z } from 'zod';

export const dynamic = 'force-dynamic';

/** GET /api/alerts?tz=Europe/Berlin — the tenant's alerts of the last day, for the alert indicator (cached, admitted). */
export const GET = route('alerts', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const { tz } = parseQuery(req, AlertsQuerySchema);
  return json({ alerts: await recentAlerts(await getRuntime(), user.tenant, tz, { signal: req.signal }) } satisfies z.input<typeof AlertsResponseSchema>);
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('alerts', '/api/alerts');
