import { route, json, parseBody } from '@/lib/api/handler';
import { QueryRequestSchema } from '@/lib/api/schemas';
import { requireUser } from '@/lib/auth/session';
import { answerPanel } from '@/lib/query/service';
import { getRuntime } from '@/lib/server/runtime';

export const dynamic = 'force-dynamic';

export const POST = route('query', async (req) => {
  const user = await requireUser(req);
  const body = await parseBody(req, QueryRequestSchema);
  const answer = await answerPanel(await getRuntime(), { tenant: user.tenant, ...body, signal: req.signal });
  return json(answer);
});
