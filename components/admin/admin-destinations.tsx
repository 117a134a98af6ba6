'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SEVERITIES, type DestinationKind, type DestinationView } from '@/lib/contract/destinations';
import { apiFetch } from '@/lib/ui/api';
import { Field } from '../field';
import styles from './admin.module.css';
import { SectionState, errorText } from './section-state';

const KIND_LABEL: Record<DestinationKind, string> = { email: 'E-mail', slack: 'Slack', pagerduty: 'PagerDuty' };
const KEY = ['admin', 'destinations'];

/** The last delivery as words: "delivered", "retrying (http_status 503)", "failed (no_destination)". */
function statusText(d: DestinationView): string {
  const last = d.lastDelivery;
  if (!last) return 'Nothing sent yet';
  const why = [last.lastReason, last.lastStatus].filter((x) => x !== undefined).join(' ');
  const word = last.state === 'delivered' ? 'Delivered' : last.state === 'pending' ? (why ? 'Retrying' : 'Sending') : 'Failed';
  return `${word}${why ? ` (${why})` : ''}, ${new Date(last.at).toLocaleString()}`;
}

/** The form's fields as the API's body: a secret left empty while editing is left out (kept). */
function bodyOf(form: FormData, kind: DestinationKind, editing: boolean) {
  const text = (k: string) => String(form.get(k) ?? '').trim();
  const base = { kind, name: text('name'), severities: SEVERITIES.filter((s) => form.get(`severity-${s}`) === 'on'), tz: text('tz') || 'UTC' };
  if (kind === 'email') return { ...base, recipients: text('recipients').split(/[\s,;]+/).filter(Boolean) };
  const secret = text(kind === 'slack' ? 'url' : 'routingKey');
  if (editing && !secret) return base;
  return kind === 'slack' ? { ...base, url: secret } : { ...base, routingKey: secret };
}

function DestinationForm({ editing, onDone }: { editing: DestinationView | null; onDone: () => void }) {
  const client = useQueryClient();
  const [kind, setKind] = useState<DestinationKind>(editing?.kind ?? 'slack');
  const save = useMutation({
    mutationFn: (body: object) => (editing ? apiFetch(`/api/destinations/${encodeURIComponent(editing.id)}`, { method: 'PUT', body }) : apiFetch('/api/destinations', { method: 'POST', body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: KEY });
      onDone();
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    save.mutate(bodyOf(new FormData(form), kind, editing !== null), { onSuccess: () => form.reset() });
  }

  const keep = editing ? 'Leave empty to keep the stored one' : undefined;
  return (
    <form onSubmit={onSubmit} aria-label={editing ? `Edit ${editing.name}` : 'Add a destination'} className={styles.destinationForm}>
      <div className={styles.row}>
        <Field label="Kind">
          {(id) => (
            <select id={id} name="kind" value={kind} disabled={editing !== null} onChange={(e) => setKind(e.target.value as DestinationKind)}>
              {Object.entries(KIND_LABEL).map(([k, label]) => (
                <option key={k} value={k}>{label}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Name">{(id) => <input id={id} name="name" required maxLength={80} defaultValue={editing?.name} placeholder="On-call channel" />}</Field>
        <Field label="Time zone">{(id) => <input id={id} name="tz" defaultValue={editing?.tz ?? 'UTC'} />}</Field>
      </div>
      {kind === 'slack' && <Field label="Slack incoming-webhook URL">{(id) => <input id={id} name="url" type="url" required={!editing} placeholder={keep ?? 'https://hooks.slack.com/services/…'} />}</Field>}
      {kind === 'pagerduty' && <Field label="PagerDuty routing key">{(id) => <input id={id} name="routingKey" required={!editing} placeholder={keep ?? 'Integration key (32 characters)'} autoComplete="off" />}</Field>}
      {kind === 'email' && <Field label="Recipients (comma-separated)">{(id) => <input id={id} name="recipients" required defaultValue={editing?.kind === 'email' ? editing.target : ''} placeholder="ops@example.com" />}</Field>}
      <fieldset className={styles.severities}>
        <legend>Severities it receives</legend>
        {SEVERITIES.map((s) => (
          <label key={s} className={styles.check}>
            <input type="checkbox" name={`severity-${s}`} defaultChecked={editing ? editing.severities.includes(s) : s !== 'info'} /> {s}
          </label>
        ))}
      </fieldset>
      <p className={styles.row}>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>{editing ? 'Save' : 'Add destination'}</button>
        {editing && <button type="button" className="btn" onClick={onDone}>Cancel</button>}
      </p>
      {save.error && <p className={styles.error} role="alert">{errorText(save.error)}</p>}
    </form>
  );
}

/** E-mail, Slack and PagerDuty destinations: which severities each receives, a test message, the last delivery's status. */
export function DestinationSettings() {
  const client = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiFetch<{ destinations: DestinationView[] }>('/api/destinations', { signal }),
    // While something is on its way, its status is worth following.
    refetchInterval: (q) => (q.state.data?.destinations.some((d) => d.lastDelivery?.state === 'pending') ? 2_000 : false),
  });
  const [editing, setEditing] = useState<DestinationView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const test = useMutation({
    mutationFn: (d: DestinationView) => apiFetch(`/api/destinations/${encodeURIComponent(d.id)}/test`, { method: 'POST' }),
    onSuccess: (_r, d) => setNotice(`Test message queued for ${d.name}.`),
    onSettled: () => {
      void refresh();
      // The attempt takes a moment: look again once it has had time.
      setTimeout(() => void refresh(), 1_500);
    },
  });
  const remove = useMutation({
    mutationFn: (d: DestinationView) => apiFetch(`/api/destinations/${encodeURIComponent(d.id)}`, { method: 'DELETE' }),
    onSuccess: (_r, d) => setNotice(`${d.name} removed.`),
    onSettled: refresh,
  });

  const rows = list.data?.destinations ?? [];
  return (
    <section className={`${styles.section} ${styles.narrowable}`} aria-labelledby="destinations-title">
      <h2 id="destinations-title" className={styles.sectionTitle}>Alert destinations</h2>
      <p className={styles.state}>Besides the webhook, alerts and their resolutions go to these, by severity.</p>
      <SectionState loading={list.isPending} error={list.error} empty={rows.length === 0} emptyText="No destinations yet." />
      {rows.length > 0 && (
        <table className={`${styles.table} ${styles.destinations}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Target</th>
              <th scope="col">Severities</th>
              <th scope="col">Last delivery</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{KIND_LABEL[d.kind]}</td>
                <td className={styles.target}>{d.target}</td>
                <td>{d.severities.join(', ')}</td>
                <td data-testid="destination-status">{statusText(d)}</td>
                <td>
                  <div className={styles.actions}>
                  <button type="button" className="btn btn-small" disabled={test.isPending} onClick={() => test.mutate(d)} aria-label={`Send test to ${d.name}`}>Send test</button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(d)} aria-label={`Edit ${d.name}`}>Edit</button>
                  <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate(d)} aria-label={`Remove ${d.name}`}>Remove</button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {notice && <p className={styles.state} role="status">{notice}</p>}
      {(test.error ?? remove.error) && <p className={styles.error} role="alert">{errorText(test.error ?? remove.error)}</p>}
      <DestinationForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
    </section>
  );
}
