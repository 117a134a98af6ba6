import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { mayRead } from '@/lib/auth/principal';
import { requirePrincipal } from '@/lib/runtime/session';
import { listDashboards } from '@/lib/dashboards/registry';

export const dynamic = 'force-dynamic';

export const GET = route('dashboards', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  // An embed token lists the dashboards it names, no others.
  return json({ dashboards: listDashboards().filter((d) => mayRead(principal, d.id)).map(({ id, title, description }) => ({ id, title, description })) });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('dashboards', '/api/dashboards');
