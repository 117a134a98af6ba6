import { route, json, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { runReportNow } from '@/lib/api/reports';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Sends one of your reports now; the run is pending until drawn and sent (GET /api/reports/{id} shows it). */
export const POST = route('report-run', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const run = await runReportNow(await getRuntime(), user, pathId(req, 'scheduled report', 1));
  return json({ run });
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = undeclared('report-run', '/api/reports/{id}/run');
