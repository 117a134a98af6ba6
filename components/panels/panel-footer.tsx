import type { QueryResponse } from '@/lib/contract/schemas';
import { formatClock, formatDuration } from '@/lib/ui/format';
import styles from './panel.module.css';

const CACHE_TEXT = { hit: 'cache hit', miss: 'cache miss', stale: 'stale cache' } as const;
const CACHE_HINT = {
  hit: 'Served from the answer cache',
  miss: 'Queried from the engine just now',
  stale: 'An earlier answer to this same view, shown while a newer one is computed or while the engine is unavailable',
} as const;

/** Freshness and provenance of a panel's answer, plus refresh errors. */
export function PanelFooter({
  meta,
  tz,
  error,
  onRetry,
}: {
  meta: QueryResponse['meta'] | undefined;
  tz: string;
  error: Error | null;
  onRetry: () => void;
}) {
  return (
    <>
      {meta && (
        <span data-freshness>
          {meta.dataUntil ? `Data until ${formatClock(Date.parse(meta.dataUntil), tz)}` : 'No data yet'}
        </span>
      )}
      {meta && (
        <span title={CACHE_HINT[meta.cache]} data-cache={meta.cache}>
          <span aria-hidden="true">· </span>
          {CACHE_TEXT[meta.cache]} · {formatDuration(meta.queryMs)}
        </span>
      )}
      <span className={styles.footerSpacer} />
      {error && (
        <span className={styles.footerError} role="status">
          Refresh failed: {error.message}{' '}
          <button type="button" className="btn btn-ghost btn-small" onClick={onRetry}>
            Retry
          </button>
        </span>
      )}
    </>
  );
}
