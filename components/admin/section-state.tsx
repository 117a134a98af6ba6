import { ApiError } from '@/lib/ui/api';
import styles from './admin.module.css';

/** What a section shows instead of its content while loading, after a failure, or when there is nothing. */
export function SectionState({ loading, error, empty, emptyText }: { loading: boolean; error: unknown; empty?: boolean; emptyText?: string }) {
  if (loading) return <p className={styles.state} role="status">Loading…</p>;
  if (error) return <p className={styles.error} role="alert">{errorText(error)}</p>;
  if (empty) return <p className={styles.state}>{emptyText}</p>;
  return null;
}

export function errorText(err: unknown): string {
  return err instanceof ApiError ? err.message : 'Something went wrong. Please try again.';
}
