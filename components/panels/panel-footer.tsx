'use client';

import { useEffect, useState } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import { ApiError } from '@/lib/ui/api';
import { formatClock } from '@/lib/ui/format';
import { freshnessText } from '@/lib/ui/freshness-text';
import styles from './panel.module.css';

/** The clock the footer's "4 s ago" counts against, ticking each second. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return now;
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
  const { text, tone } = freshnessText({ meta, receivedAt, now, refreshError });
  return (
    <>
      <span data-updated={tone} className={tone === 'old' ? styles.footerOld : undefined} role={tone === 'old' ? 'status' : undefined}>
        {text}
      </span>
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
