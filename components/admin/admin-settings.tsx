'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Thresholds } from '@/lib/contract/admin';
import { apiFetch } from '@/lib/ui/api';
import { Field } from '../field';
import styles from './admin.module.css';
import { SectionState, errorText } from './section-state';

type Webhook = { webhook: { url: string; createdAt: string } | null };

/** The tenant's alert webhook: shown, registered (its secret shown once) or removed. */
export function WebhookSettings() {
  const client = useQueryClient();
  const hook = useQuery({ queryKey: ['admin', 'webhook'], queryFn: ({ signal }) => apiFetch<Webhook>('/api/webhook', { signal }) });
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['admin'] });
  const register = useMutation({
    mutationFn: (url: string) => apiFetch<{ secret: string }>('/api/webhook', { method: 'PUT', body: { url } }),
    onSuccess: (r) => setSecret(r.secret),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => apiFetch('/api/webhook', { method: 'DELETE' }), onSuccess: () => setSecret(null), onSettled: refresh });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    register.mutate(String(new FormData(e.currentTarget).get('url')));
  }

  return (
    <section className={styles.section} aria-labelledby="webhook-title">
      <h2 id="webhook-title" className={styles.sectionTitle}>Alert webhook</h2>
      <SectionState loading={hook.isPending} error={hook.error} empty={hook.data?.webhook === null} emptyText="No webhook: alerts are only shown in Pulseboard." />
      {hook.data?.webhook && (
        <div className={styles.row}>
          <p className={styles.state}>Alerts are sent to <strong>{hook.data.webhook.url}</strong>.</p>
          <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate()}>Remove</button>
        </div>
      )}
      <form className={styles.row} onSubmit={onSubmit} aria-label="Register the webhook">
        <Field label="Webhook URL">{(id) => <input id={id} name="url" type="url" required placeholder="https://hooks.example.com/pulse" size={40} />}</Field>
        <button type="submit" className="btn btn-primary" disabled={register.isPending}>{hook.data?.webhook ? 'Replace' : 'Register'}</button>
      </form>
      {(register.error ?? remove.error) && <p className={styles.error} role="alert">{errorText(register.error ?? remove.error)}</p>}
      {secret && (
        <div role="status">
          <p className={styles.state}>Signing secret (shown once): verify x-pulse-signature with it.</p>
          <p className={styles.secret}>{secret}</p>
        </div>
      )}
    </section>
  );
}

type ThresholdState = { thresholds: Thresholds; defaults: Record<string, Record<string, number>> };

/** Per-rule overrides of the alert thresholds; an empty field uses the default shown as its placeholder. */
export function ThresholdSettings() {
  const client = useQueryClient();
  const state = useQuery({ queryKey: ['admin', 'thresholds'], queryFn: ({ signal }) => apiFetch<ThresholdState>('/api/admin/thresholds', { signal }) });
  const save = useMutation({
    mutationFn: (thresholds: Thresholds) => apiFetch<ThresholdState>('/api/admin/thresholds', { method: 'PUT', body: { thresholds } }),
    onSuccess: (r) => client.setQueryData(['admin', 'thresholds'], r),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const thresholds: Record<string, Record<string, number>> = {};
    for (const [rule, params] of Object.entries(state.data!.defaults)) {
      for (const p of Object.keys(params)) {
        const v = String(f.get(`${rule}.${p}`) ?? '').trim();
        if (v !== '') (thresholds[rule] ??= {})[p] = Number(v);
      }
    }
    save.mutate(thresholds as Thresholds);
  }

  const data = state.data;
  return (
    <section className={styles.section} aria-labelledby="thresholds-title">
      <h2 id="thresholds-title" className={styles.sectionTitle}>Alert thresholds</h2>
      <SectionState loading={state.isPending} error={state.error} />
      {data && (
        <form onSubmit={onSubmit} aria-label="Alert thresholds" key={JSON.stringify(data.thresholds)}>
          <div className={styles.rules}>
            {Object.entries(data.defaults).map(([rule, params]) => (
              <fieldset key={rule} className={styles.rule}>
                <legend>{rule.replaceAll('_', ' ')}</legend>
                {Object.entries(params).map(([p, def]) => (
                  <Field key={p} label={p}>
                    {(id) => (
                      <input id={id} name={`${rule}.${p}`} type="number" min="0" step="any" placeholder={`${def} (default)`} defaultValue={(data.thresholds as Record<string, Record<string, number> | undefined>)[rule]?.[p] ?? ''} />
                    )}
                  </Field>
                ))}
              </fieldset>
            ))}
          </div>
          <p className={styles.row}>
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save thresholds'}</button>
            {save.isSuccess && <span role="status" className={styles.state}>Saved.</span>}
          </p>
          {save.error && <p className={styles.error} role="alert">{errorText(save.error)}</p>}
        </form>
      )}
    </section>
  );
}
