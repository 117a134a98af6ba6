'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Annotation } from '@/lib/contract/annotations';
import { apiFetch, ApiError } from '@/lib/ui/api';
import { formatBucket, formatInterval } from '@/lib/ui/format';
import { ANNOTATIONS_KEY } from '@/lib/ui/queries';
import styles from './annotations.module.css';

/** When an annotation was, in the view's zone: a moment, or a range. */
export function annotationTime(a: Annotation, tz: string): string {
  const start = Date.parse(a.start);
  return a.end === null ? formatBucket(start, 'PT1M', tz) : formatInterval(start, Date.parse(a.end), tz);
}

/**
 * One annotation's details in a modal dialog (native <dialog>: focus moves in, Esc closes, focus
 * returns): its text, who and when, its dimension value, and the way to the week before.
 */
export function AnnotationDetails({ annotation, tz, onClose }: { annotation: Annotation; tz: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const remove = useMutation({
    mutationFn: () => apiFetch<{ deleted: true }>(`/api/annotations/${encodeURIComponent(annotation.id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ANNOTATIONS_KEY });
      dialog.current?.close();
    },
  });
  const alert = annotation.kind === 'alert';
  return (
    <dialog ref={dialog} className="modal" aria-labelledby="annotation-title" onClose={onClose} data-testid="annotation-details">
      <h2 id="annotation-title" className={styles.dialogTitle}>
        {alert ? `Alert: ${annotation.rule}` : 'Annotation'}
      </h2>
      <p className={styles.text}>{annotation.text}</p>
      <dl className={styles.facts}>
        <dt>When</dt>
        <dd>
          {annotationTime(annotation, tz)} <span className="tone-neutral">({tz})</span>
        </dd>
        {alert ? (
          <>
            <dt>Severity</dt>
            <dd>{annotation.severity}</dd>
          </>
        ) : (
          <>
            <dt>By</dt>
            <dd>{annotation.author ?? 'a former member'}</dd>
            {annotation.dimension && (
              <>
                <dt>{annotation.dimension}</dt>
                <dd>{annotation.value}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <div className={styles.actions}>
        <a className="btn btn-primary btn-small" href={annotation.href}>
          Compare with the week before
        </a>
        {!alert && annotation.canDelete && (
          <button type="button" className="btn btn-small" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? 'Deleting…' : 'Delete'}
          </button>
        )}
        <button type="button" className="btn btn-ghost btn-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {remove.isError && (
        <p className={styles.error} role="alert">
          {remove.error instanceof ApiError ? remove.error.message : 'Could not delete it. Please retry.'}
        </p>
      )}
    </dialog>
  );
}
