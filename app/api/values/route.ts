import { route, json, parseBody } from '@/lib/api/handler';
import { ValuesRequestSchema } from '@/lib/contract/schemas';
import { requireUser } from '@/lib/runtime/session';
import { answerValues } from '@/lib/service/service';
import { getRuntime } from '@/lib/runtime/runtime';

export const dynamic = 'force-dynamic';

export const POST = route('values', async (req) => {
  const user = await requireUser(req);
  const body = await parseBody(req, ValuesRequestSchema);
  return json(await answerValues(await getRuntime(), { tenant: user.tenant, ...body, signal: req.signal }));
});
