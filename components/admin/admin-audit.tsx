'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@/lib/contract/admin';
import { apiFetch } from '@/lib/ui/api';
import styles from './admin.module.css';
import { SectionState } from './section-state';

type Page = { entries: AuditEntry[]; next: number | null };

/** The tenant's audit log, newest first, 50 at a time. */
export function AdminAudit() {
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit'],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) => apiFetch<Page>(`/api/admin/audit?limit=50${pageParam ? `&before=${pageParam}` : ''}`, { signal }),
    getNextPageParam: (last) => last.next,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <section className={styles.section} aria-labelledby="audit-title">
      <h2 id="audit-title" className={styles.sectionTitle}>Audit log</h2>
      <SectionState loading={log.isPending} error={log.error} empty={log.isSuccess && entries.length === 0} emptyText="Nothing recorded yet." />
      {entries.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Whom</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td><time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time></td>
                <td>{e.actor}</td>
                <td>{e.action.replaceAll('_', ' ')}</td>
                <td>{e.target ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log.hasNextPage && (
        <button type="button" className="btn" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {log.isFetchingNextPage ? 'Loading…' : 'Show older entries'}
        </button>
      )}
    </section>
  );
}
