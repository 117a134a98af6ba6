'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { EmbedSettingsResponse } from '@/lib/contract/admin';
import { apiFetch } from '@/lib/ui/api';
import { Field } from '../field';
import styles from './admin.module.css';
import { SectionState, errorText } from './section-state';

const EMBED = ['admin', 'embed'];

/** Signed embedding: the origins that may frame the dashboards, the vendor's JWKS URL, and the HS256 secret (shown once). */
export function EmbedSettings() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: EMBED, queryFn: ({ signal }) => apiFetch<EmbedSettingsResponse>('/api/admin/embed', { signal }) });
  const refresh = () => client.invalidateQueries({ queryKey: ['admin'] });
  const save = useMutation({
    mutationFn: (body: { allowedOrigins: string[]; jwksUrl: string | null }) => apiFetch<EmbedSettingsResponse>('/api/admin/embed', { method: 'PUT', body }),
    onSuccess: (r) => client.setQueryData(EMBED, r),
    onSettled: refresh,
  });
  const [secret, setSecret] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: () => apiFetch<{ secret: string; fingerprint: string }>('/api/admin/embed/secret', { method: 'POST' }),
    onSuccess: (r) => setSecret(r.secret),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: () => apiFetch('/api/admin/embed/secret', { method: 'DELETE' }), onSuccess: () => setSecret(null), onSettled: refresh });

  function onSave(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const allowedOrigins = String(f.get('origins') ?? '').split(/\s+/).filter(Boolean);
    const jwksUrl = String(f.get('jwksUrl') ?? '').trim();
    save.mutate({ allowedOrigins, jwksUrl: jwksUrl === '' ? null : jwksUrl });
  }

  const data = settings.data;
  const failure = issue.error ?? remove.error;
  return (
    <section className={styles.section} aria-labelledby="embed-title">
      <h2 id="embed-title" className={styles.sectionTitle}>Embedding</h2>
      <SectionState loading={settings.isPending} error={settings.error} />
      {data && (
        <>
          <p className={styles.state}>
            {data.embeds ? 'Embed tokens are accepted.' : 'Embedding is off: issue a secret or set a JWKS URL.'} Your backend signs short-lived tokens (HS256 with the secret, or RS256/ES256 with your JWKS).
          </p>
          <form onSubmit={onSave} aria-label="Embedding settings" className={styles.rules} key={JSON.stringify([data.allowedOrigins, data.jwksUrl])}>
            <Field label="Allowed origins (one per line)">
              {(id) => <textarea id={id} name="origins" rows={3} defaultValue={data.allowedOrigins.join('\n')} placeholder="https://app.example.com" spellCheck={false} />}
            </Field>
            <Field label="JWKS URL (optional, https)">
              {(id) => <input id={id} name="jwksUrl" type="url" defaultValue={data.jwksUrl ?? ''} placeholder="https://id.example.com/.well-known/jwks.json" />}
            </Field>
            <p className={styles.row}>
              <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save embedding settings'}</button>
              {save.isSuccess && <span role="status" className={styles.state}>Saved.</span>}
            </p>
          </form>
          {save.error && <p className={styles.error} role="alert">{errorText(save.error)}</p>}
          <div className={styles.row}>
            <p className={styles.state}>
              {data.secret === null && 'No HS256 secret.'}
              {data.secret?.fingerprint && <>HS256 secret, fingerprint <code>{data.secret.fingerprint}</code>.</>}
              {data.secret && data.secret.fingerprint === null && 'The stored HS256 secret cannot be read with this deployment’s key: issue a new one.'}
            </p>
            <button type="button" className="btn btn-small" disabled={issue.isPending} onClick={() => (data.secret === null || window.confirm('Tokens signed with the current secret will stop working. Issue a new secret?')) && issue.mutate()}>
              {issue.isPending ? 'Issuing…' : data.secret ? 'Issue a new secret' : 'Issue a secret'}
            </button>
            {data.secret && (
              <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => window.confirm('Remove the HS256 secret? Tokens signed with it stop working.') && remove.mutate()}>
                Remove secret
              </button>
            )}
          </div>
          {failure && <p className={styles.error} role="alert">{errorText(failure)}</p>}
          {secret && (
            <div role="status">
              <p className={styles.state}>New embedding secret (shown once): store it in your backend, which signs the embed tokens with it.</p>
              <p className={styles.secret}>{secret}</p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
