'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { Report } from '@/lib/contract/reports';
import { apiFetch } from '@/lib/ui/api';
import { cadenceText, channelText, runText, whenText } from '@/lib/ui/report-text';
import { encodeView } from '@/lib/view/codec';
import adminStyles from '../admin/admin.module.css';
import { SectionState, errorText } from '../admin/section-state';
import styles from './reports.module.css';

const REPORTS_KEY = ['reports'];

/** The user's reports, refreshed every few seconds while a run is being sent, so its outcome shows without a reload. */
export function ReportList() {
  const client = useQueryClient();
  const [notice, setNotice] = useState('');
  const reports = useQuery({
    queryKey: REPORTS_KEY,
    queryFn: ({ signal }) => apiFetch<{ reports: Report[] }>('/api/reports', { signal }),
    refetchInterval: (q) => (q.state.data?.reports.some((r) => r.lastRun?.state === 'pending') ? 3_000 : 30_000),
  });
  const done = async (text: string) => {
    setNotice(text);
    await client.invalidateQueries({ queryKey: REPORTS_KEY });
  };
  const runNow = useMutation({
    mutationFn: (r: Report) => apiFetch(`/api/reports/${encodeURIComponent(r.id)}/run`, { method: 'POST' }),
    onSuccess: (_, r) => done(`Sending “${r.name}” now.`),
  });
  const pause = useMutation({
    mutationFn: (r: Report) => apiFetch(`/api/reports/${encodeURIComponent(r.id)}`, { method: 'PATCH', body: { paused: !r.paused } }),
    onSuccess: (_, r) => done(r.paused ? `“${r.name}” resumed.` : `“${r.name}” paused.`),
  });
  const remove = useMutation({
    mutationFn: (r: Report) => apiFetch(`/api/reports/${encodeURIComponent(r.id)}`, { method: 'DELETE' }),
    onSuccess: (_, r) => done(`“${r.name}” deleted.`),
  });
  const list = reports.data?.reports ?? [];
  const failed = runNow.error ?? pause.error ?? remove.error;
  return (
    <section className={adminStyles.section} aria-labelledby="reports-title">
      <h2 id="reports-title" className={adminStyles.sectionTitle}>Your reports</h2>
      <SectionState loading={reports.isPending} error={reports.error} empty={list.length === 0} emptyText="No scheduled reports yet. Open a dashboard, set the view you want, and choose Schedule." />
      {list.length > 0 && (
        <table className={`${adminStyles.table} ${styles.list}`}>
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Next</th>
              <th scope="col">Last run</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => {
              const last = runText(r.lastRun, r.tz);
              return (
                <tr key={r.id}>
                  <td>
                    <Link className={styles.name} href={`/d/${encodeURIComponent(r.dashboard)}?${encodeView(r.view)}`}>{r.name}</Link>
                    <div className={styles.muted}>{r.format === 'pdf' ? 'Dashboard, PDF' : `Panel ${r.panel}, PNG`}</div>
                  </td>
                  <td data-label="When">{cadenceText(r)}</td>
                  <td data-label="To">{channelText(r)}</td>
                  <td data-label="Next">{r.nextRunAt ? whenText(r.nextRunAt, r.tz) : 'Paused'}</td>
                  <td data-label="Last run" className={styles[last.tone]} data-testid="report-status">{last.text}</td>
                  <td>
                    <div className={adminStyles.actions}>
                      <button type="button" className="btn btn-small" disabled={runNow.isPending} onClick={() => runNow.mutate(r)} aria-label={`Send now: ${r.name}`}>Send now</button>
                      <button type="button" className="btn btn-small" disabled={pause.isPending} onClick={() => pause.mutate(r)} aria-label={`${r.paused ? 'Resume' : 'Pause'} ${r.name}`}>{r.paused ? 'Resume' : 'Pause'}</button>
                      <button
                        type="button"
                        className="btn btn-small"
                        disabled={remove.isPending}
                        onClick={() => window.confirm(`Delete the report “${r.name}”? It will not be sent again.`) && remove.mutate(r)}
                        aria-label={`Delete ${r.name}`}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {notice && <p className={adminStyles.state} role="status">{notice}</p>}
      {failed && <p className={adminStyles.error} role="alert">{errorText(failed)}</p>}
    </section>
  );
}
