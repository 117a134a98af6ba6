'use client';

import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { apiFetch, setBearer, shouldRetry } from '@/lib/ui/api';
import type { ShownClaims } from '@/lib/ui/embed-token';
import { DashboardSkeleton } from '../dashboard/dashboard-skeleton';
import { DashboardView } from '../dashboard/dashboard-view';
import filterStyles from '../filters/filter-bar.module.css';
import styles from './embed.module.css';
import { TokenBroker } from './token-broker';

type Props = { tenant: string; dashboardId: string; origins: string[] };

/** Without a token this long, the page says what it is waiting for (e.g. opened outside the host app). */
const WAIT_NOTICE_MS = 8_000;

/**
 * A dashboard inside a vendor's page: its own query client (a 401 here asks the host for a new
 * token instead of sending anyone to the sign-in page), the token from the host page
 * (token-broker.ts), and the dashboard without the app's chrome, its locked filters shown as such.
 */
export function EmbedView({ tenant, dashboardId, origins }: Props) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, refetchOnWindowFocus: false } } }));
  const [claims, setClaims] = useState<ShownClaims | null>(null);
  const [waitedLong, setWaitedLong] = useState(false);

  useEffect(() => {
    const broker = new TokenBroker(origins, tenant, setClaims);
    setBearer(broker);
    broker.start();
    const notice = setTimeout(() => setWaitedLong(true), WAIT_NOTICE_MS);
    return () => {
      clearTimeout(notice);
      broker.stop();
      setBearer(undefined);
    };
  }, [origins, tenant]);

  if (!claims) {
    return (
      <p className={styles.status} role="status">
        {waitedLong ? 'Waiting for the page around this dashboard to sign it in.' : 'Connecting…'}
      </p>
    );
  }
  return (
    <QueryClientProvider client={client}>
      <EmbeddedDashboard id={dashboardId} tenant={tenant} claims={claims} />
    </QueryClientProvider>
  );
}

function EmbeddedDashboard({ id, tenant, claims }: { id: string; tenant: string; claims: ShownClaims }) {
  const found = useQuery({
    queryKey: ['dashboard', id],
    queryFn: ({ signal }) => apiFetch<{ dashboard: PublicDashboard }>(`/api/dashboards/${encodeURIComponent(id)}`, { signal }),
    staleTime: Infinity,
  });
  if (found.error) {
    return (
      <div className={filterStyles.notice} role="alert">
        <p>{found.error.message}</p>
      </div>
    );
  }
  if (!found.data) return <p className={styles.status} role="status">Loading…</p>;
  const { dashboard } = found.data;
  return (
    <>
      <h1 className={styles.title}>{dashboard.title}</h1>
      <Suspense fallback={<DashboardSkeleton dashboard={dashboard} />}>
        <DashboardView dashboard={dashboard} tenantName={tenant} locked={claims.filters} embedded />
      </Suspense>
    </>
  );
}
