'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatBucket } from '@/lib/ui/format';
import { alertsQuery } from '@/lib/ui/queries';
import { Popover } from './popover';
import styles from './app-header.module.css';

/**
 * The badge counts the open alerts (neither acknowledged nor resolved); its menu lists the last
 * day's alerts, each opening the dashboard view of its window compared with the week before (the
 * "is this spike normal?" question), and leads to the inbox where they are acknowledged.
 */
export function AlertIndicator() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { data, isError, isPending } = useQuery(alertsQuery(tz));
  const alerts = data?.alerts ?? [];
  const open = data?.open ?? 0;
  const critical = alerts.some((a) => a.state === 'open' && a.severity === 'critical');
  // Until the first answer, no count: "0" would say all is quiet before anyone looked.
  const count = isError ? '–' : isPending ? '…' : open;
  const summary = isError ? 'Alerts unavailable' : isPending ? 'Loading alerts' : `${open} open, ${alerts.length} alert${alerts.length === 1 ? '' : 's'} in the last 24 hours`;
  return (
    <Popover
      label={
        <span className={styles.alertBadge} data-critical={critical || undefined} data-testid="alert-count" aria-busy={isPending || undefined}>
          Alerts {count}
        </span>
      }
      buttonLabel={`Alerts ${count}: ${summary}`}
      buttonClassName="btn btn-ghost"
      panelClassName={styles.alertMenu}
      align="end"
    >
      {({ close }) => (
        <div>
          <p className={styles.alertTitle}>{summary}</p>
          <p className={styles.alertInboxLink}>
            <Link href="/alerts" onClick={close}>
              Open the alert inbox
            </Link>
          </p>
          {alerts.length === 0 && !isError && !isPending && <p className={styles.alertEmpty}>All quiet.</p>}
          <ul className={styles.alertList}>
            {alerts.map((a) => (
              <li key={a.id}>
                <Link href={a.href} onClick={close} className={styles.alertLink}>
                  <span className={styles.alertSeverity} data-severity={a.severity}>
                    {a.severity}
                  </span>
                  <span>
                    {a.message}
                    {a.state !== 'open' && <span className={styles.alertState}> ({a.state})</span>}
                  </span>
                  <time dateTime={a.at}>{formatBucket(Date.parse(a.at), 'PT1M', tz)}</time>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Popover>
  );
}
