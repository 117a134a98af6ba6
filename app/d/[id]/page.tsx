import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { AppHeader } from '@/components/app-header';
import { DashboardSkeleton } from '@/components/dashboard/dashboard-skeleton';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { publicDashboard } from '@/lib/dashboards/public';
import { findDashboard, listDashboards } from '@/lib/dashboards/registry';
import { requirePageUser } from '../../current-user';
import styles from '@/components/pages.module.css';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  return { title: findDashboard((await params).id)?.title ?? 'Dashboard not found' };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const user = await requirePageUser(`/d/${encodeURIComponent(id)}${query.size ? `?${query}` : ''}`);
  const found = findDashboard(id);
  if (!found) notFound();
  const dashboard = publicDashboard(found);
  return (
    <>
      <AppHeader user={user} dashboards={listDashboards().map(({ id, title }) => ({ id, title }))} current={id} />
      <main className={styles.dashboardPage}>
        <div className={styles.titleRow}>
          <h1 className={styles.pageTitle}>{dashboard.title}</h1>
          <p className={styles.lede}>{dashboard.description}</p>
        </div>
        <Suspense fallback={<DashboardSkeleton dashboard={dashboard} />}>
          <DashboardView dashboard={dashboard} tenantName={user.tenantName} />
        </Suspense>
      </main>
    </>
  );
}
