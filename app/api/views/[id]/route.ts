import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { changeView, deleteView } from '@/lib/api/views';
import { SavedViewPatchSchema } from '@/lib/contract/workspace';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Renames, updates or (un)shares your view; sets or clears it as your default. */
export const PATCH = route('view', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const id = pathId(req, 'saved view');
  const patch = await parseBody(req, SavedViewPatchSchema);
  return json(await changeView(await getRuntime(), user, id, patch));
});

export const DELETE = route('view', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  return json(await deleteView(await getRuntime(), user, pathId(req, 'saved view')));
});

export const { GET, HEAD, POST, PUT, OPTIONS } = undeclared('view', '/api/views/{id}');
