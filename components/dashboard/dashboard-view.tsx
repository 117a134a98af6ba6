'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { resolveView } from '@/lib/ui/view-edit';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { canonicalZone } from '@/lib/view/zones';
import { preloadChart } from '../charts/lazy-chart';
import { FilterSheet } from '../filters/filter-sheet';
import { MissingValuesNotice } from '../filters/missing-values-notice';
import { Panel } from '../panels/panel';
import styles from '../panels/panel.module.css';
import { DashboardSkeleton } from './dashboard-skeleton';
import { InvalidView } from './invalid-view';

function browserTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (tz && canonicalZone(tz)) || 'UTC';
}

const noSubscribe = () => () => {};

/**
 * The view lives in the URL and nowhere else. Changes push a history entry (back and forward
 * step through views) with history.pushState, which Next.js' router observes, so changing a
 * filter re-renders on the client without a server round trip.
 */
export function DashboardView({ dashboard, tenantName }: { dashboard: PublicDashboard; tenantName: string }) {
  // The viewer's zone and locale exist only in the browser: render the view after hydration.
  const inBrowser = useSyncExternalStore(noSubscribe, () => true, () => false);
  const params = useSearchParams();
  const pathname = usePathname();
  const [paused, setPaused] = useState(false);

  const resolved = useMemo(
    () => (inBrowser ? resolveView(new URLSearchParams(params.toString()), dashboard, browserTimeZone()) : null),
    [inBrowser, params, dashboard],
  );

  // Write what the URL left out (the viewer's zone, the dashboard defaults) back into it, so
  // the address bar always shows the whole view and can be copied as is.
  useEffect(() => {
    if (resolved?.ok && resolved.canonical !== params.toString()) {
      window.history.replaceState(null, '', `${pathname}?${resolved.canonical}`);
    }
  }, [resolved, params, pathname]);

  useEffect(() => {
    if (dashboard.panels.some((p) => p.type === 'timeseries' || p.type === 'topn')) preloadChart();
  }, [dashboard]);

  const setView = useCallback((view: View) => window.history.pushState(null, '', `${pathname}?${encodeView(view)}`), [pathname]);

  if (!resolved) return <DashboardSkeleton dashboard={dashboard} />;
  if (!resolved.ok) return <InvalidView error={resolved.error} resetHref={pathname} />;
  const { view } = resolved;
  const live = !paused;
  return (
    <>
      <FilterSheet dashboard={dashboard} view={view} setView={setView} live={live} onLiveChange={(on) => setPaused(!on)} />
      <MissingValuesNotice dashboard={dashboard} view={view} setView={setView} tenantName={tenantName} />
      <div className={styles.grid}>
        {dashboard.panels.map((p) => (
          <Panel key={p.id} dashboard={dashboard} panel={p} view={view} live={live} setView={setView} />
        ))}
      </div>
    </>
  );
}
