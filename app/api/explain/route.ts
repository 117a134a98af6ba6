import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { assertDashboard } from '@/lib/auth/principal';
import { ExplainRequestSchema } from '@/lib/contract/explain';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePrincipal } from '@/lib/runtime/session';
import { answerExplain } from '@/lib/service/explain';

export const dynamic = 'force-dynamic';

/** POST /api/explain — what moved a panel's measure between the compared period and now, by dimension value. */
export const POST = route('explain', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const body = await parseBody(req, ExplainRequestSchema);
  ctx.note({ dashboard: body.dashboard });
  assertDashboard(principal, body.dashboard);
  return json(await answerExplain(await getRuntime(), { ...body, tenant: principal.tenant, locked: principal.locked, signal: req.signal }));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('explain', '/api/explain');
