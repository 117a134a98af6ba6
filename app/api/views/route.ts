import { route, json, parseBody, parseQuery, signedIn } from '@/lib/api/handler';
import { undeclared } from '@/lib/api/methods';
import { listViews, saveView } from '@/lib/api/views';
import { SavedViewRequestSchema, SavedViewsQuerySchema } from '@/lib/contract/workspace';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

export const dynamic = 'force-dynamic';

/** Your saved views of a dashboard and the ones shared in your tenant. */
export const GET = route('views', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const { dashboard } = parseQuery(req, SavedViewsQuerySchema);
  return json(await listViews(await getRuntime(), user, dashboard));
});

/** Saves a view under a name (sharing it takes an editor or admin). */
export const POST = route('views', async (req, ctx) => {
  const user = signedIn(await requireUser(req), ctx);
  const body = await parseBody(req, SavedViewRequestSchema);
  return json(await saveView(await getRuntime(), user, body));
});

export const { PUT, DELETE, PATCH, OPTIONS } = undeclared('views', '/api/views');
