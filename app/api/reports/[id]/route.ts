import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { changeReport, deleteReport, getReport } from '@/lib/api/reports';
import { ReportPatchSchema } from '@/lib/contract/reports';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** One of your reports with its latest runs. */
export const GET = route('report', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await getReport(await getRuntime(), user, pathId(req, 'scheduled report')));
});

/** Renames, pauses or resumes one of your reports. */
export const PATCH = route('report', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const id = pathId(req, 'scheduled report');
  const patch = await parseBody(req, ReportPatchSchema);
  return json({ report: await changeReport(await getRuntime(), user, id, patch) });
});

export const DELETE = route('report', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await deleteReport(await getRuntime(), user, pathId(req, 'scheduled report')));
});

export const { POST, PUT, OPTIONS } = undeclared('report', '/api/reports/{id}');
