'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatBucket } from '@/lib/ui/format';
import { alertsQuery } from '@/lib/ui/queries';
import { Popover } from './popover';
import styles from './app-header.module.css';

/**
 * Alerts raised by the stream jobs in the last day. Each opens the dashboard view of its
 * window compared with the week before: the "is this spike normal?" question.
 */
export function AlertIndicator() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { data, isError, isPending } = useQuery(alertsQuery(tz));
  const alerts = data?.alerts ?? [];
  const critical = alerts.some((a) => a.severity === 'critical');
  // Until the first answer, no count: "0" would say all is quiet before anyone looked.
  const count = isError ? '–' : isPending ? '…' : alerts.length;
  const summary = isError ? 'Alerts unavailable' : isPending ? 'Loading alerts' : `${alerts.length} alert${alerts.length === 1 ? '' : 's'} in the last 24 hours`;
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
          {alerts.length === 0 && !isError && !isPending && <p className={styles.alertEmpty}>All quiet.</p>}
          <ul className={styles.alertList}>
            {alerts.map((a) => (
              <li key={`${a.at}-${a.rule}-${a.message}`}>
                <Link href={a.href} onClick={close} className={styles.alertLink}>
                  <span className={styles.alertSeverity} data-severity={a.severity}>
                    {a.severity}
                  </span>
                  <span>{a.message}</span>
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
