import 'server-only';
import type { User } from '@/lib/auth/users';
import { alertInbox, type InboxDeps } from '@/lib/alerts/inbox';
import type { Alert, AlertNote } from '@/lib/contract/alerts';
import { AppError } from '@/lib/errors/app-error';
import { assertEditor } from './workspace-access';

/**
 * The alert inbox's changes (/api/alerts/{id}/ack, /resolve). Scoped to the session's tenant: an
 * id of another tenant's alert is "not found" exactly like an id that names nothing, so ids cannot
 * be probed.
 */

const notFound = () => new AppError('not_found', 'There is no such alert.', 'id');

/** The alert as the inbox shows it now (links in UTC: the caller reads the list again in its zone). */
async function find(rt: InboxDeps, tenant: string, id: string, signal?: AbortSignal): Promise<Alert> {
  const alert = (await alertInbox(rt, tenant, 'UTC', { signal })).alerts.find((a) => a.id === id);
  if (!alert) throw notFound();
  return alert;
}

async function change(rt: InboxDeps, user: User, id: string, body: AlertNote, state: 'acknowledged' | 'resolved', signal?: AbortSignal): Promise<Alert> {
  await assertEditor(rt.store, user, 'acknowledge or resolve alerts');
  const alert = await find(rt, user.tenant, id, signal);
  if (alert.state === 'resolved') throw new AppError('conflict', alert.resolvedAutomatically ? 'This alert was resolved automatically.' : 'This alert is resolved already.');
  const note = body.note || null;
  await rt.store.transaction(async (s) => {
    await s.alertStates.set(user.tenant, id, { state, note, by: user.email });
    await s.audit.record({
      tenant: user.tenant,
      actor: user.email,
      action: state === 'acknowledged' ? 'alert_acknowledged' : 'alert_resolved',
      target: id,
      detail: { rule: alert.rule, message: alert.message, ...(note ? { note } : {}) },
    });
  });
  return find(rt, user.tenant, id, signal);
}

/** Acknowledges an open alert (or changes the note of an acknowledged one). */
export const acknowledgeAlert = (rt: InboxDeps, user: User, id: string, body: AlertNote, signal?: AbortSignal) => change(rt, user, id, body, 'acknowledged', signal);

/** Resolves an open or acknowledged alert. */
export const resolveAlert = (rt: InboxDeps, user: User, id: string, body: AlertNote, signal?: AbortSignal) => change(rt, user, id, body, 'resolved', signal);
