import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { requireUser } from '@/lib/runtime/session';
import { listDashboards } from '@/lib/dashboards/registry';

export const dynamic = 'force-dynamic';

export const GET = route('dashboards', async (req, ctx) => {
  signedIn(await requireUser(req), ctx);
  return json({ dashboards: listDashboards().map(({ id, title, description }) => ({ id, title, description })) });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('dashboards', '/api/dashboards');
