import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { HydrationBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { AppHeader } from '@/components/app-header';
import { DashboardSkeleton } from '@/components/dashboard/dashboard-skeleton';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { publicDashboard } from '@/lib/dashboards/public';
import Link from 'next/link';
import type { User } from '@/lib/auth/users';
import type { PublicDashboard } from '@/lib/dashboards/public';
import { zoneFromCookie, ZONE_COOKIE } from '@/lib/ui/zone-cookie';
import { currentUser, requirePageUser } from '../../current-user';
import { dashboardFor, dashboardsFor, isEditor } from '../../dashboards-for';
import { firstView } from '../../first-view';
import styles from '@/components/pages.module.css';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const user = await currentUser();
  return { title: (user && (await dashboardFor(user, (await params).id))?.title) ?? 'Dashboard not found' };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const user = await requirePageUser(`/d/${encodeURIComponent(id)}${query.size ? `?${query}` : ''}`);
  const found = await dashboardFor(user, id);
  if (!found) notFound();
  const { custom, ...rest } = found;
  const dashboard = publicDashboard(rest);
  const editor = isEditor(user);
  return (
    <>
      <AppHeader user={user} dashboards={(await dashboardsFor(user)).map(({ id, title }) => ({ id, title }))} current={id} />
      <main className={styles.dashboardPage}>
        <div className={`${styles.titleRow} ${styles.titleWithActions}`}>
          <div>
            <h1 className={styles.pageTitle}>{dashboard.title}</h1>
            <p className={styles.lede}>{dashboard.description}</p>
          </div>
          {editor && (
            <div className={styles.titleActions}>
              {custom && (
                <Link href={`/build/${id}`} className="btn btn-small">
                  Edit dashboard
                </Link>
              )}
              <Link href={`/build?from=${id}`} className="btn btn-small">
                Duplicate
              </Link>
            </div>
          )}
        </div>
        <Suspense fallback={<DashboardSkeleton dashboard={dashboard} />}>
          <FirstView user={user} dashboard={dashboard} query={query} canShare={editor} />
        </Suspense>
      </main>
    </>
  );
}

/** The dashboard with its first view answered and drawn on the server (app/first-view.ts). */
async function FirstView({ user, dashboard, query, canShare }: { user: User; dashboard: PublicDashboard; query: URLSearchParams; canShare: boolean }) {
  const h = await headers();
  const phone = h.get('sec-ch-ua-mobile') === '?1' || /\bMobi/.test(h.get('user-agent') ?? '');
  const tz = zoneFromCookie((await cookies()).get(ZONE_COOKIE)?.value);
  const first = await firstView(user, dashboard, query, { tz, phone });
  return (
    <HydrationBoundary state={first.state}>
      <DashboardView dashboard={dashboard} tenantName={user.tenantName} canShare={canShare} first={{ canonical: first.canonical, paints: first.paints }} />
    </HydrationBoundary>
  );
}
