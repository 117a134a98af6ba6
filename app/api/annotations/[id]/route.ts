import { route, json, signedIn } from '@/lib/api/handler';
import { deleteAnnotation } from '@/lib/api/annotations';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Deletes a note (its author, or an admin of the tenant); another tenant's is 404. */
export const DELETE = route('annotation', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await deleteAnnotation(await getRuntime(), user, pathId(req, 'annotation')));
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = undeclared('annotation', '/api/annotations/{id}');
