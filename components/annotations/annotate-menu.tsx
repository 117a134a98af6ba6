'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useContext, useState, type FormEvent } from 'react';
import type { Note } from '@/lib/contract/annotations';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { apiFetch, ApiError } from '@/lib/ui/api';
import { columnLabel } from '@/lib/dashboards/public';
import { fromInputValue, toInputValue } from '@/lib/ui/local-time';
import { ANNOTATIONS_KEY } from '@/lib/ui/queries';
import { isRelative, type View } from '@/lib/view/schema';
import { Field } from '../field';
import { Popover } from '../popover';
import styles from './annotations.module.css';
import { Annotating } from './annotations-context';

type Props = { dashboard: PublicDashboard; view: View };

/** The filter bar's "Annotate" (editors and admins): a note at a moment or over a range, shown on every time series of this datasource. */
export function AnnotateMenu(props: Props) {
  const { canAdd } = useContext(Annotating);
  if (!canAdd) return null;
  return (
    <Popover label="Annotate" buttonClassName="btn btn-small" panelClassName={styles.panel} align="end">
      {({ open }) => open && <AnnotateForm {...props} />}
    </Popover>
  );
}

/** Where a new note starts: the end of the view (now, for a live one), to the minute. */
function viewEnd(view: View): number {
  const now = Date.now();
  const end = isRelative(view.range) ? now : Math.min(Date.parse(view.range.end), now);
  return Math.floor(end / 60_000) * 60_000;
}

function AnnotateForm({ dashboard, view }: Props) {
  const client = useQueryClient();
  const [start, setStart] = useState(() => toInputValue(viewEnd(view), view.tz));
  const [end, setEnd] = useState('');
  const [text, setText] = useState('');
  const [dimension, setDimension] = useState('');
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');
  const add = useMutation({
    mutationFn: () => {
      const at = (input: string) => {
        const ms = fromInputValue(input, view.tz);
        return ms === null ? input : new Date(ms).toISOString();
      };
      return apiFetch<Omit<Note, 'href'>>('/api/annotations', {
        body: { datasource: dashboard.datasource, start: at(start), text, ...(end ? { end: at(end) } : {}), ...(dimension ? { dimension, value } : {}) },
      });
    },
    onSuccess: async () => {
      setText('');
      setStatus('Annotation added.');
      await client.invalidateQueries({ queryKey: ANNOTATIONS_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStatus('');
    add.mutate();
  };
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add an annotation">
      <div className={styles.pair}>
        <Field label={`Time (${view.tz})`}>{(id) => <input id={id} type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />}</Field>
        <Field label="Until (for a range)">{(id) => <input id={id} type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />}</Field>
      </div>
      <Field label="Note">{(id) => <textarea id={id} required maxLength={500} value={text} onChange={(e) => setText(e.target.value)} placeholder="e.g. Deployed broker 3.9" />}</Field>
      <div className={styles.pair}>
        <Field label="Only for">
          {(id) => (
            <select id={id} value={dimension} onChange={(e) => setDimension(e.target.value)}>
              <option value="">Every value</option>
              {dashboard.dimensions.map((d) => (
                <option key={d.id} value={d.id}>
                  {columnLabel(dashboard, d.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Value">
          {(id) => <input id={id} type="text" maxLength={200} required={dimension !== ''} disabled={dimension === ''} value={value} onChange={(e) => setValue(e.target.value)} />}
        </Field>
      </div>
      <p className={styles.hint}>Shown on every time series of this data, for everyone in your organisation.</p>
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary btn-small" disabled={add.isPending || !text.trim()}>
          {add.isPending ? 'Adding…' : 'Add annotation'}
        </button>
        <span role="status">{status}</span>
      </div>
      {add.isError && (
        <p className={styles.error} role="alert">
          {add.error instanceof ApiError ? add.error.message : 'Could not add it. Please retry.'}
        </p>
      )}
    </form>
  );
}
