'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { Catalog } from '@/lib/dashboards/tenant-dashboard';
import { ApiError, apiFetch } from '@/lib/ui/api';
import { emptyDraft, movePanel, newPanel, panelKinds, toDocument, type Draft, type DraftPanel } from '@/lib/ui/builder';
import { Field } from '../field';
import { PanelCard, PanelTypeOptions, panelTypeLabel } from './panel-card';
import styles from './builder.module.css';

type Props = {
  catalogs: Catalog[];
  /** The document to start from: a dashboard being edited or duplicated; none: from nothing. */
  initial?: Draft;
  /** The id of the tenant's dashboard being edited; none: a new one. */
  id?: string;
  /** The revision being edited: the save is refused (412) if someone changed it since. */
  revision?: number;
};

const message = (err: unknown) =>
  err instanceof ApiError ? `${err.message}${err.path && err.code === 'invalid_input' ? ` (at ${err.path})` : ''}` : 'Something went wrong. Please retry.';
const changedMeanwhile = (err: unknown) => err instanceof ApiError && err.code === 'precondition_failed';

/** Builds or edits one of the tenant's dashboards: title, datasource, panels on a four-column grid. */
export function DashboardBuilder({ catalogs, initial, id, revision }: Props) {
  const router = useRouter();
  const kinds = useMemo(() => panelKinds(), []);
  const [draft, setDraft] = useState<Draft>(() => initial ?? emptyDraft(catalogs[0]!));
  const [kind, setKind] = useState(kinds[0]?.type ?? '');
  const [announce, setAnnounce] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      id
        ? apiFetch<{ id: string }>(`/api/dashboards/${id}`, { method: 'PUT', body: toDocument(draft), ifMatch: revision ? `"${revision}"` : undefined })
        : apiFetch<{ id: string }>('/api/dashboards', { body: toDocument(draft) }),
    onSuccess: ({ id: saved }) => router.push(`/d/${saved}`),
  });
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/dashboards/${id}`, { method: 'DELETE' }),
    onSuccess: () => router.push('/'),
  });

  const setPanels = (panels: DraftPanel[]) => setDraft((d) => ({ ...d, panels }));
  const changePanel = (i: number, panel: DraftPanel) => setPanels(draft.panels.map((p, j) => (j === i ? panel : p)));
  const move = (from: number, to: number) => {
    const panels = movePanel(draft.panels, from, to);
    setPanels(panels);
    const at = panels.indexOf(draft.panels[from]!);
    setAnnounce(`${draft.panels[from]!.title} is now panel ${at + 1} of ${panels.length}.`);
  };
  const add = () => {
    const k = kinds.find((x) => x.type === kind);
    if (!k) return;
    const panel = newPanel(k, draft, panelTypeLabel(k.type));
    setPanels([...draft.panels, panel]);
    setAnnounce(`Added ${panel.title} as panel ${draft.panels.length + 1}.`);
  };
  const chooseDatasource = (datasource: string) => {
    const catalog = catalogs.find((c) => c.datasource === datasource);
    if (catalog) setDraft((d) => ({ ...emptyDraft(catalog), title: d.title, description: d.description }));
  };

  return (
    <form
      className={styles.builder}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      aria-label={id ? 'Edit dashboard' : 'New dashboard'}
    >
      <section className={styles.settings} aria-label="Dashboard">
        <Field label="Title">{(fid) => <input id={fid} type="text" required maxLength={120} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />}</Field>
        <Field label="Description">
          {(fid) => <input id={fid} type="text" maxLength={300} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />}
        </Field>
        <Field label="Data">
          {(fid) => (
            <select id={fid} value={draft.datasource} disabled={draft.panels.length > 0} onChange={(e) => chooseDatasource(e.target.value)} aria-describedby={`${fid}-hint`}>
              {!catalogs.some((c) => c.datasource === draft.datasource) && <option value={draft.datasource}>{draft.datasource}</option>}
              {catalogs.map((c) => (
                <option key={c.datasource} value={c.datasource}>
                  {c.datasource.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className={styles.hint}>Panels use this data’s measures and dimensions. Remove every panel to choose other data.</p>
      </section>

      <section className={styles.add} aria-label="Add a panel">
        <Field label="Panel type" inline>
          {(fid) => (
            <select id={fid} value={kind} onChange={(e) => setKind(e.target.value)}>
              <PanelTypeOptions kinds={kinds} />
            </select>
          )}
        </Field>
        <button type="button" className="btn btn-small" onClick={add}>
          Add panel
        </button>
      </section>

      {draft.panels.length === 0 ? (
        <p className={styles.empty}>No panels yet. Choose a panel type and add it; then pick its measure, split and size.</p>
      ) : (
        <ol className={styles.grid} aria-label="Panels">
          {draft.panels.map((p, i) => (
            <PanelCard
              key={p.id}
              panel={p}
              index={i}
              count={draft.panels.length}
              kind={kinds.find((k) => k.type === p.type)}
              kinds={kinds}
              draft={draft}
              onChange={(panel) => changePanel(i, panel)}
              onMove={(to) => move(i, to)}
              onDropPanel={(from) => move(from, i)}
              onRemove={() => {
                setPanels(draft.panels.filter((_, j) => j !== i));
                setAnnounce(`Removed ${p.title}.`);
              }}
              onAnnounce={setAnnounce}
            />
          ))}
        </ol>
      )}
      <p role="status" className="sr-only">
        {announce}
      </p>

      <div className={styles.footer}>
        <button type="submit" className="btn btn-primary" disabled={save.isPending || draft.panels.length === 0}>
          {save.isPending ? 'Saving…' : id ? 'Save changes' : 'Create dashboard'}
        </button>
        {id && (
          <button type="button" className="btn" onClick={() => (confirmDelete ? remove.mutate() : setConfirmDelete(true))} disabled={remove.isPending}>
            {confirmDelete ? 'Really delete this dashboard?' : 'Delete dashboard'}
          </button>
        )}
        {(save.isError || remove.isError) && (
          <p className={styles.error} role="alert">
            {message(save.error ?? remove.error)}
            {changedMeanwhile(save.error) && (
              <>
                {' '}
                <a href={`/build/${id}`}>Reload the dashboard</a>
              </>
            )}
          </p>
        )}
      </div>
    </form>
  );
}
