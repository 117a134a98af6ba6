import { AppError } from '@/lib/errors/app-error';
import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { assertDashboard } from '@/lib/auth/principal';
import { requirePrincipal } from '@/lib/runtime/session';
import { publicDashboard } from '@/lib/dashboards/public';
import { dashboardFor } from '@/lib/service/service';

export const dynamic = 'force-dynamic';

export const GET = route('dashboard', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const raw = new URL(req.url).pathname.split('/').pop() ?? '';
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new AppError('not_found', 'There is no such dashboard.', 'id');
  }
  ctx.note({ dashboard: id });
  assertDashboard(principal, id);
  return json({ dashboard: publicDashboard(dashboardFor(id)) });
});

export const { POST, PUT, DELETE, PATCH, OPTIONS } = undeclared('dashboard', '/api/dashboards/{id}');
