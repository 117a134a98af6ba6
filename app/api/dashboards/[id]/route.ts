import { AppError } from '@/lib/errors/app-error';
import { route, json } from '@/lib/api/handler';
import { requireUser } from '@/lib/runtime/session';
import { publicDashboard } from '@/lib/dashboards/public';
import { dashboardFor } from '@/lib/service/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req) => {
  await requireUser(req);
  const raw = new URL(req.url).pathname.split('/').pop() ?? '';
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', 'There is no such dashboard.', 'id');
  }
  return json({ dashboard: publicDashboard(dashboardFor(id)) });
});
