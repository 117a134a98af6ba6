import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { createReport, listReports } from '@/lib/api/reports';
import { ReportRequestSchema } from '@/lib/contract/reports';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Your scheduled reports in this organisation, each with its last run. */
export const GET = route('reports', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await listReports(await getRuntime(), user));
});

/** Schedules a view as a daily or weekly report, by e-mail to members or to the tenant's webhook. */
export const POST = route('reports', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const input = await parseBody(req, ReportRequestSchema);
  const rt = await getRuntime();
  // The view is checked against the engine's freshness like a query: admitted like engine work.
  const report = await rt.admission.run(user.tenant, () => createReport(rt, user, input), { signal: req.signal });
  return json({ report });
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('reports', '/api/reports');
