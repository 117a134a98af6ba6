import { route, json, parseBody, signedIn } from '@/lib/api/handler';
import { acknowledgeAlert, resolveAlert } from '@/lib/api/alerts';
import { undeclared } from '@/lib/api/methods';
import { pathId } from '@/lib/api/path-id';
import { AlertNoteSchema } from '@/lib/contract/alerts';
import { logger } from '@/lib/metrics/log';
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
      const rt = await getRuntime();
      const alert = await CHANGES[action](rt, user, id, body, req.signal);
      // Destinations hear of the resolution now; if this fails, the resolution sweep announces it within a minute.
      if (action === 'resolve') await rt.destinations.announcer.resolved(user.tenant, id, user.email).catch((err: unknown) => logger().warn({ message: (err as Error).message }, 'announcing a resolution failed'));
      return json(alert);
    }),
  };
}
