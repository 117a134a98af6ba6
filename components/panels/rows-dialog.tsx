'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { rowsQuery } from '@/lib/ui/queries';
import { rowsCellText, rowsPageText, type RowsTarget } from '@/lib/ui/rows';
import type { View } from '@/lib/view/schema';
import { GRAIN_WORDS, type Grain } from '@/lib/view/time';
import { DataTable } from './data-table';
import styles from './rows.module.css';

const PAGE_SIZE = 50;

type Props = { dashboardId: string; panelId: string; panelTitle: string; view: View; target: RowsTarget; onClose: () => void };

/**
 * "Show the rows": the stored rows behind a panel, a bucket or a value, newest first, a page at
 * a time. A native modal <dialog>, open while it is mounted: focus stays inside, Escape closes it,
 * and focus returns to what opened it.
 */
export function RowsDialog({ dashboardId, panelId, panelTitle, view, target, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [page, setPage] = useState(0);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const query = useQuery(rowsQuery(dashboardId, panelId, view, target.at, page, PAGE_SIZE));
  const titleId = `rows-${panelId}`;
  const r = query.data;
  return (
    <dialog ref={dialog} className={`modal ${styles.dialog}`} aria-labelledby={titleId} onClose={onClose}>
      <div className={styles.header}>
        <h2 id={titleId} className={styles.title}>
          Rows of {panelTitle}: {target.label}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {query.isPending ? (
        <p className={styles.note} aria-busy="true">
          Reading the rows…
        </p>
      ) : !r ? (
        <div role="alert" className={styles.note}>
          <p>{query.error?.message ?? 'Could not read the rows.'}</p>
          <button type="button" className="btn btn-small" onClick={() => query.refetch()}>
            Retry
          </button>
        </div>
      ) : r.total === 0 ? (
        <p className={styles.note}>No stored rows in this view.</p>
      ) : (
        <>
          <p className={styles.note}>
            Stored rows (one per {GRAIN_WORDS[r.meta.grain as Grain]} and values), newest first, with the view’s filters; times in {view.tz}.
            {r.capped && ' Only the first 1,000 are listed.'}
          </p>
          <div className={styles.table} aria-busy={query.isFetching}>
            <DataTable
              caption={`Rows of ${panelTitle}`}
              columns={r.columns.map((c) => ({ id: c.name, label: c.label, numeric: c.type === 'number' }))}
              rows={r.rows.map((row, i) => ({ key: String(r.page * r.pageSize + i), cells: r.columns.map((c, j) => rowsCellText(c, row[j] ?? null, r.meta.grain as Grain, view.tz)) }))}
            />
          </div>
          <nav className={styles.pager} aria-label="Pages of rows">
            <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span aria-live="polite">{rowsPageText({ ...r, shown: r.rows.length })}</span>
            <button type="button" className="btn btn-small" disabled={!r.more || query.isPlaceholderData} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </nav>
        </>
      )}
    </dialog>
  );
}
