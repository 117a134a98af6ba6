import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { assertDashboard } from '@/lib/auth/principal';
import { RowsRequestSchema } from '@/lib/contract/rows';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal } from '@/lib/runtime/session';
import { answerRows } from '@/lib/service/rows';

export const dynamic = 'force-dynamic';

/** POST /api/rows — the stored rows behind a panel, a point or a bar, newest first, paged (the first 1,000). */
export const POST = route('rows', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const body = await parseBody(req, RowsRequestSchema);
  ctx.note({ dashboard: body.dashboard });
  assertDashboard(principal, body.dashboard);
  return json(await answerRows(await getRuntime(), { ...body, tenant: principal.tenant, locked: principal.locked, signal: req.signal }));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('rows', '/api/rows');
