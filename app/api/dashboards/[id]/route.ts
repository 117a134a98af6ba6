import { route, json } from '@/lib/api/handler';
import { requireUser } from '@/lib/auth/session';
import { publicDashboard } from '@/lib/dashboards/public';
import { dashboardFor } from '@/lib/query/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req) => {
  await requireUser(req);
  const id = decodeURIComponent(new URL(req.url).pathname.split('/').pop() ?? '');
  return json({ dashboard: publicDashboard(dashboardFor(id)) });
});
