'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { savedViewsQuery } from '@/lib/ui/queries';
import { pickView, viewAddress } from '@/lib/ui/saved-view-pick';
import { recoverView, type RecoveredView } from '@/lib/ui/view-recovery';
import { encodeView } from '@/lib/view/codec';
import type { Filter, View } from '@/lib/view/schema';
import { canonicalZone } from '@/lib/view/zones';
import { zoneCookie } from '@/lib/ui/zone-cookie';
import { FilterSheet } from '../filters/filter-sheet';
import { MissingValuesNotice } from '../filters/missing-values-notice';
import { Annotating } from '../annotations/annotations-context';
import { Panel } from '../panels/panel';
import styles from '../panels/panel.module.css';
import { DashboardSkeleton, FilterBarSkeleton } from './dashboard-skeleton';
import { FirstPaint, type PanelFirstPaint } from './first-paint';
import { useLiveUpdates } from './use-live-updates';
import { ViewNotice } from './view-notice';

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
type Props = {
  dashboard: PublicDashboard;
  tenantName: string;
  /** An embed token's filters: shown, never part of the view (the server adds them to every answer). */
  locked?: readonly Filter[];
  /** Inside a vendor's page: no share links (they would point into the iframe) and no saved views. */
  embedded?: boolean;
  /** Whether this user may share saved views with the tenant (editors and admins). */
  canShare?: boolean;
  /** The view the server answered and drew (its canonical query), shown until the browser knows its own. */
  first?: { canonical: string; paints: Readonly<Record<string, PanelFirstPaint>> };
};

const MISSING_SAVED = 'The saved view of this link is not available to you (deleted, or not shared with you); showing the default view.';
const NO_PAINTS = {};
// Editors and admins (canShare) add annotations; every signed-in user sees them; an embed token has none.
const NOT_ANNOTATING = { on: false, canAdd: false };
const ANNOTATING_READER = { on: true, canAdd: false };
const ANNOTATING_EDITOR = { on: true, canAdd: true };

export function DashboardView({ dashboard, tenantName, locked = [], embedded = false, canShare = false, first }: Props) {
  // The viewer's zone and locale exist only in the browser: render the view after hydration.
  const inBrowser = useSyncExternalStore(noSubscribe, () => true, () => false);
  const params = useSearchParams();
  const pathname = usePathname();
  const [paused, setPaused] = useState(false);

  // A link without a view of its own opens the saved view it names, or the user's default one.
  const needsSaved = inBrowser && !embedded && [...params.keys()].every((k) => k === 'saved');
  const saved = useQuery({ ...savedViewsQuery(dashboard.id), enabled: needsSaved });
  const waiting = needsSaved && saved.isLoading;
  const picked = useMemo(() => pickView(new URLSearchParams(params.toString()), needsSaved ? (saved.data?.views ?? []) : undefined), [params, needsSaved, saved.data]);

  // A link that cannot be used as it is still opens: as the nearest valid view, with notices.
  // Until then (and while the saved views a bare link may open are loading), the server's view:
  // its canonical form carries the zone it was answered in.
  const settled = inBrowser && !waiting;
  const resolved = useMemo(() => {
    if (settled) {
      const r = recoverView(picked.search, dashboard, browserTimeZone());
      return picked.missing ? { ...r, notices: [MISSING_SAVED, ...r.notices] } : r;
    }
    return first ? recoverView(new URLSearchParams(first.canonical), dashboard, 'UTC') : null;
  }, [settled, picked, dashboard, first]);
  // The notices outlive the rewrite of the address bar below (which makes the URL valid) until
  // the view changes again or they are dismissed.
  const [notice, setNotice] = useState<Pick<RecoveredView, 'canonical' | 'notices'> | null>(null);
  if (resolved && resolved.notices.length > 0 && notice?.canonical !== resolved.canonical) {
    setNotice({ canonical: resolved.canonical, notices: resolved.notices });
  }
  const notices = resolved && notice?.canonical === resolved.canonical ? notice.notices : [];

  // Write what the URL left out (the viewer's zone, the dashboard defaults) back into it, so
  // the address bar always shows the whole view and can be copied as is.
  // Not before the saved views are known: a bare link may still open the user's default view.
  useEffect(() => {
    const address = settled && resolved && viewAddress(pathname, resolved.canonical, picked.savedId);
    if (address && address !== `${pathname}?${params.toString()}`) window.history.replaceState(null, '', address);
  }, [settled, resolved, params, pathname, picked.savedId]);

  // The next page the server renders is drawn in this browser's zone.
  useEffect(() => {
    document.cookie = zoneCookie(browserTimeZone());
  }, []);

  const setView = useCallback((view: View) => window.history.pushState(null, '', `${pathname}?${encodeView(view)}`), [pathname]);
  const pushed = useLiveUpdates(dashboard, resolved?.view ?? null, inBrowser && !paused);

  if (!resolved) return <DashboardSkeleton dashboard={dashboard} />;
  const { view } = resolved;
  const live = !paused;
  const paints = first && resolved.canonical === first.canonical ? first.paints : NO_PAINTS;
  return (
    <Annotating value={embedded ? NOT_ANNOTATING : canShare ? ANNOTATING_EDITOR : ANNOTATING_READER}>
      <FirstPaint value={paints}>
        {inBrowser ? (
          <FilterSheet
            dashboard={dashboard}
            view={view}
            setView={setView}
            live={live}
            onLiveChange={(on) => setPaused(!on)}
            pushed={pushed}
            locked={locked}
            shareable={!embedded}
            savedViews={embedded ? undefined : { canShare }}
          />
        ) : (
          // The controls need the browser (its zone, its clock); the server holds their place.
          <FilterBarSkeleton />
        )}
        {notices.length > 0 && <ViewNotice notices={notices} defaultHref={pathname} onDismiss={() => setNotice({ canonical: '', notices: [] })} />}
        <MissingValuesNotice dashboard={dashboard} view={view} setView={setView} tenantName={tenantName} />
        <div className={styles.grid}>
          {dashboard.panels.map((p) => (
            <Panel key={p.id} dashboard={dashboard} panel={p} view={view} live={live} pushed={pushed} setView={setView} />
          ))}
        </div>
      </FirstPaint>
    </Annotating>
  );
}
