import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { acknowledgeAlert, resolveAlert } from '@/lib/api/alerts';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { AlertNoteSchema } from '@/lib/contract/alerts';
import { getRuntime } from '@/lib/runtime/runtime';
import { requireUser } from '@/lib/runtime/session';

const CHANGES = { ack: acknowledgeAlert, resolve: resolveAlert };

/** The route of POST /api/alerts/{id}/ack or /resolve: `{ note? }`, editors and admins. */
export function alertChangeRoute(action: keyof typeof CHANGES) {
  const name = `alert-${action}`;
  return {
    ...undeclared(name, `/api/alerts/{id}/${action}`),
    POST: route(name, async (req, ctx) => {
      const user = signedIn(await requireUser(req), ctx);
      const id = pathId(req, 'alert', 1);
      const body = await parseBody(req, AlertNoteSchema);
      return json(await CHANGES[action](await getRuntime(), user, id, body, req.signal));
    }),
  };
}
