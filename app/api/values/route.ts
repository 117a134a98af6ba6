import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { ValuesRequestSchema } from '@/lib/contract/schemas';
import { assertDashboard } from '@/lib/auth/principal';
import { requirePrincipal } from '@/lib/runtime/session';
import { answerValues } from '@/lib/service/service';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

export const POST = route('values', async (req, ctx) => {
  const principal = signedIn(await requirePrincipal(req), ctx);
  const body = await parseBody(req, ValuesRequestSchema);
  ctx.note({ dashboard: body.dashboard });
  assertDashboard(principal, body.dashboard);
  return json(await answerValues(await getRuntime(), { tenant: principal.tenant, locked: principal.locked, ...body, signal: req.signal }));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('values', '/api/values');
