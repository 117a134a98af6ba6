import { route, json, parseBody, parseQuery, signedIn } from '@/lib/api/handler';
import { addAnnotation, listAnnotations } from '@/lib/api/annotations';
import { undeclared } from '@/lib/api/methods';
import { AnnotationRequestSchema, AnnotationsQuerySchema } from '@/lib/contract/annotations';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** The tenant's notes on a dashboard's datasource over an interval, and its alerts there. */
export const GET = route('annotations', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const query = parseQuery(req, AnnotationsQuerySchema);
  return json(await listAnnotations(await getRuntime(), user, query, req.signal));
});

/** Adds a note at a moment or over a range (editors and admins). */
export const POST = route('annotations', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const body = await parseBody(req, AnnotationRequestSchema);
  return json(await addAnnotation(await getRuntime(), user, body), { status: 201 });
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('annotations', '/api/annotations');
