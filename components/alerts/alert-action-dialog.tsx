'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '@/lib/contract/alerts';
import { apiFetch } from '@/lib/ui/api';
import { errorText } from '../admin/section-state';
import { Field } from '../field';
import styles from './alert-inbox.module.css';

export type AlertAction = { alert: Alert; action: 'ack' | 'resolve' };

const LABELS = { ack: 'Acknowledge', resolve: 'Resolve' } as const;

/** The form inside the dialog: a new one (empty note, no error) for every alert and action. */
function ActionForm({ pending, close }: { pending: AlertAction; close: () => void }) {
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: ({ alert, action }: AlertAction) => apiFetch<Alert>(`/api/alerts/${encodeURIComponent(alert.id)}/${action}`, { body: note.trim() ? { note } : {} }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['alerts'] });
      close();
    },
  });
  const label = LABELS[pending.action];
  return (
    <form
      className={styles.dialogForm}
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate(pending);
      }}
    >
      <h2 id="alert-action-title" className={styles.dialogTitle}>
        {label} alert
      </h2>
      <p className={styles.dialogText}>{pending.alert.message}</p>
      <Field label="Note (optional)">{(id) => <textarea id={id} className={styles.note} maxLength={500} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      {change.error && (
        <p className={styles.error} role="alert">
          {errorText(change.error)}
        </p>
      )}
      <div className={styles.dialogButtons}>
        <button type="button" className="btn" onClick={close}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? `${label}…` : label}
        </button>
      </div>
    </form>
  );
}

/**
 * The small dialog that acknowledges or resolves an alert with an optional note. The native
 * <dialog> traps focus, closes on Escape and gives focus back to the button that opened it.
 */
export function AlertActionDialog({ pending, onClose }: { pending: AlertAction | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (pending) dialog.current?.showModal();
  }, [pending]);
  return (
    <dialog ref={dialog} className="modal" aria-labelledby="alert-action-title" onClose={onClose}>
      {pending && <ActionForm key={`${pending.alert.id}-${pending.action}`} pending={pending} close={() => dialog.current?.close()} />}
    </dialog>
  );
}
