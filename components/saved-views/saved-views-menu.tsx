'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SavedView } from '@/lib/contract/workspace';
import { apiFetch, ApiError } from '@/lib/ui/api';
import { savedViewsQuery } from '@/lib/ui/queries';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './saved-views.module.css';

type Props = { dashboard: string; view: View; canShare: boolean };

/** The filter bar's "Views": open, save, rename, update, share, delete and make default. */
export function SavedViewsMenu(props: Props) {
  return (
    <Popover label="Views" buttonClassName="btn btn-small" panelClassName={styles.panel} align="end">
      {({ open, close }) => open && <SavedViewsPanel {...props} close={close} />}
    </Popover>
  );
}

const message = (err: unknown) => (err instanceof ApiError ? err.message : 'Something went wrong. Please retry.');

function SavedViewsPanel({ dashboard, view, canShare, close }: Props & { close: () => void }) {
  const client = useQueryClient();
  const list = useQuery(savedViewsQuery(dashboard));
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [status, setStatus] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: savedViewsQuery(dashboard).queryKey });
  const save = useMutation({
    mutationFn: () => apiFetch<SavedView>('/api/views', { body: { dashboard, name, view, shared } }),
    onSuccess: async (saved) => {
      setName('');
      setStatus(`Saved “${saved.name}”`);
      await refresh();
      window.history.replaceState(null, '', `${window.location.pathname}?saved=${saved.id}&${encodeView(view)}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <div className={styles.body}>
      <h3 className={styles.title}>Saved views</h3>
      {list.isPending && <p className={styles.hint}>Loading saved views…</p>}
      {list.isError && (
        <p className={styles.error} role="alert">
          {message(list.error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => list.refetch()}>
            Retry
          </button>
        </p>
      )}
      {list.data && list.data.views.length === 0 && <p className={styles.hint}>No saved views yet. Name this view below to keep it.</p>}
      {list.data && list.data.views.length > 0 && (
        <ul className={styles.list} aria-label="Saved views">
          {list.data.views.map((v) => (
            <SavedViewItem key={v.id} saved={v} view={view} canShare={canShare} onChanged={refresh} onStatus={setStatus} onOpen={close} />
          ))}
        </ul>
      )}
      <form className={styles.form} onSubmit={submit}>
        <Field label="Save this view as">
          {(id) => <input id={id} type="text" value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} placeholder="e.g. EU clusters, last week" />}
        </Field>
        <label className={styles.check} title={canShare ? undefined : 'Only editors and admins share views'}>
          <input type="checkbox" checked={shared} disabled={!canShare} onChange={(e) => setShared(e.target.checked)} /> Share with my organisation
        </label>
        <button type="submit" className="btn btn-primary btn-small" disabled={save.isPending || !name.trim()}>
          {save.isPending ? 'Saving…' : 'Save view'}
        </button>
        {save.isError && (
          <p className={styles.error} role="alert">
            {message(save.error)}
          </p>
        )}
      </form>
      <p role="status" className={styles.hint}>
        {status}
      </p>
    </div>
  );
}

function SavedViewItem({
  saved,
  view,
  canShare,
  onChanged,
  onStatus,
  onOpen,
}: {
  saved: SavedView;
  view: View;
  canShare: boolean;
  onChanged: () => Promise<unknown>;
  onStatus: (s: string) => void;
  onOpen: () => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(saved.name);
  const change = useMutation({
    mutationFn: (patch: Record<string, unknown>) => apiFetch<SavedView>(`/api/views/${saved.id}`, { method: 'PATCH', body: patch }),
    onSuccess: async (v, patch) => {
      setRenaming(false);
      onStatus('view' in patch ? `Updated “${v.name}” to this view` : `Changed “${v.name}”`);
      await onChanged();
    },
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/views/${saved.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      onStatus(`Deleted “${saved.name}”`);
      await onChanged();
    },
  });
  const href = `?saved=${saved.id}&${encodeView(saved.view)}`;
  return (
    <li className={styles.item} data-saved-view={saved.id}>
      {renaming ? (
        <form
          className={styles.rename}
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate({ name });
          }}
        >
          <Field label={`New name for ${saved.name}`}>{(id) => <input id={id} type="text" value={name} maxLength={100} autoFocus onChange={(e) => setName(e.target.value)} />}</Field>
          <button type="submit" className="btn btn-small btn-primary">
            Rename
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <a href={href} className={styles.open} onClick={onOpen}>
          <span className={styles.name}>{saved.name}</span>
          <span className={styles.meta}>
            {saved.isDefault && <span className={styles.badge}>Default</span>}
            {saved.shared && <span className={styles.badge}>Shared</span>}
            {!saved.mine && <span>by {saved.owner}</span>}
          </span>
        </a>
      )}
      <div className={styles.actions}>
        <button type="button" className="btn btn-small btn-ghost" aria-pressed={saved.isDefault} onClick={() => change.mutate({ default: !saved.isDefault })}>
          {saved.isDefault ? 'Default' : 'Make default'}
          <span className="sr-only"> for {saved.name}</span>
        </button>
        {saved.mine && (
          <>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => change.mutate({ view })}>
              Update<span className="sr-only"> {saved.name} to this view</span>
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setRenaming(true)}>
              Rename<span className="sr-only"> {saved.name}</span>
            </button>
            {(canShare || saved.shared) && (
              <button type="button" className="btn btn-small btn-ghost" aria-pressed={saved.shared} onClick={() => change.mutate({ shared: !saved.shared })}>
                {saved.shared ? 'Unshare' : 'Share'}
                <span className="sr-only"> {saved.name}</span>
              </button>
            )}
            <button type="button" className="btn btn-small btn-ghost" onClick={() => remove.mutate()}>
              Delete<span className="sr-only"> {saved.name}</span>
            </button>
          </>
        )}
      </div>
      {(change.isError || remove.isError) && (
        <p className={styles.error} role="alert">
          {message(change.error ?? remove.error)}
        </p>
      )}
    </li>
  );
}
