'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import { ApiError } from '@/lib/ui/api';
import { formatClock } from '@/lib/ui/format';
import { freshnessText } from '@/lib/ui/freshness-text';
import styles from './panel.module.css';

const noSubscribe = () => () => {};

/**
 * The clock the footer's "4 s ago" counts against, ticking each second; null while the server's
 * HTML is hydrated, whose clock the browser's would contradict.
 */
function useNow(): number | null {
  const inBrowser = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return inBrowser ? now : null;
}

/** How fresh a panel's answer is, in words (freshness-text.ts), plus the way out of a failed refresh. */
export function PanelFooter({
  meta,
  receivedAt,
  tz,
  error,
  onRetry,
}: {
  meta: QueryResponse['meta'] | undefined;
  receivedAt: number;
  tz: string;
  error: Error | null;
  onRetry: () => void;
}) {
  const now = useNow();
  if (!meta) return <span className={styles.footerSpacer} />;
  const refreshError = error ? { code: error instanceof ApiError ? error.code : undefined, message: error.message } : null;
  const fresh = now === null ? null : freshnessText({ meta, receivedAt, now, refreshError });
  return (
    <>
      {fresh && (
        <span data-updated={fresh.tone} className={fresh.tone === 'old' ? styles.footerOld : undefined} role={fresh.tone === 'old' ? 'status' : undefined}>
          {fresh.text}
        </span>
      )}
      {meta.dataUntil && (
        <span data-freshness title={`The newest data this panel includes, ${tz}`}>
          <span aria-hidden="true">· </span>data until {formatClock(Date.parse(meta.dataUntil), tz)}
        </span>
      )}
      <span className={styles.footerSpacer} />
      {error && (
        <button type="button" className="btn btn-ghost btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </>
  );
}
