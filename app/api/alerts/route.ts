import { invalid } from '@/lib/errors/app-error';
import { route, json } from '@/lib/api/handler';
import { recentAlerts } from '@/lib/alerts/recent';
import { requireUser } from '@/lib/runtime/session';
import { getRuntime } from '@/lib/runtime/runtime';
import { TimeZoneSchema } from '@/lib/view/schema';

export const dynamic = 'force-dynamic';

/** GET /api/alerts?tz=Europe/Berlin — the tenant's alerts of the last day, for the alert indicator. */
export const GET = route('alerts', async (req) => {
  const user = await requireUser(req);
  const tz = TimeZoneSchema.safeParse(new URL(req.url).searchParams.get('tz') ?? 'UTC');
  if (!tz.success) throw invalid('must be an IANA time zone such as Europe/Berlin', 'tz');
  return json({ alerts: await recentAlerts(await getRuntime(), user.tenant, tz.data) });
});
