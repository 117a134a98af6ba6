import { route, json } from '@/lib/api/handler';
import { requireUser } from '@/lib/runtime/session';
import { listDashboards } from '@/lib/dashboards/registry';

export const dynamic = 'force-dynamic';

export const GET = route('dashboards', async (req) => {
  await requireUser(req);
  return json({ dashboards: listDashboards().map(({ id, title, description }) => ({ id, title, description })) });
});
