import { AppError } from '@/lib/errors/app-error';
import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { requireUser } from '@/lib/runtime/session';
import { publicDashboard } from '@/lib/dashboards/public';
import { dashboardFor } from '@/lib/service/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req, ctx) => {
  signedIn(await requireUser(req), ctx);
  const raw = new URL(req.url).pathname.split('/').pop() ?? '';
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', 'There is no such dashboard.', 'id');
  }
  ctx.note({ dashboard: id });
  return json({ dashboard: publicDashboard(dashboardFor(id)) });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('dashboard', '/api/dashboards/{id}');
