import type { QueryResponse } from '@/lib/contract/schemas';
import { formatClock, formatDuration } from '@/lib/ui/format';
import styles from './panel.module.css';

const CACHE_TEXT = { hit: 'cache hit', miss: 'cache miss', stale: 'stale cache' } as const;
const CACHE_HINT = {
  hit: 'Served from the answer cache',
  miss: 'Queried from the engine just now',
  stale: 'The engine did not answer; this is the last good answer',
} as const;

/** Freshness and provenance of a panel's answer, plus refresh progress and refresh errors. */
export function PanelFooter({
  meta,
  tz,
  updating,
  error,
  onRetry,
}: {
  meta: QueryResponse['meta'] | undefined;
  tz: string;
  /** A new view is loading while the previous answer stays on screen. */
  updating: boolean;
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
      {updating && <span className={styles.updating}>Updating</span>}
    </>
  );
}
