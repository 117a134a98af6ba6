import { AppHeader } from '@/components/app-header';
import { DashboardBuilder } from '@/components/builder/dashboard-builder';
import styles from '@/components/pages.module.css';
import { tenantDashboardDocument } from '@/lib/api/tenant-dashboards';
import { dashboardDocument } from '@/lib/dashboards/registry';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePageUser } from '../current-user';
import { isEditor } from '../dashboards-for';
import { asDraft, builderCatalogs } from './catalogs';

export const metadata = { title: 'New dashboard' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A new dashboard of the tenant's own, from nothing or (?from=<id>) as a copy of another. */
export default async function NewDashboard({ searchParams }: Props) {
  const { from } = await searchParams;
  const user = await requirePageUser(`/build${typeof from === 'string' ? `?from=${encodeURIComponent(from)}` : ''}`);
  const source = typeof from === 'string' ? (dashboardDocument(from) ?? (await tenantDashboardDocument((await getRuntime()).store, user.tenant, from))?.definition) : undefined;
  const initial = source ? asDraft(source) : undefined;
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.listPage}>
        <h1 className={styles.pageTitle}>{initial ? `Copy of ${initial.title}` : 'New dashboard'}</h1>
        {isEditor(user) ? (
          <>
            <p className={styles.lede}>Build a dashboard for everyone in {user.tenantName}: add panels, choose what they show, drag or use their buttons to arrange them.</p>
            <DashboardBuilder catalogs={builderCatalogs()} initial={initial && { ...initial, title: `${initial.title} (copy)` }} />
          </>
        ) : (
          <p className={styles.lede} role="alert">Only editors and admins of {user.tenantName} build dashboards. Ask an admin to make you an editor.</p>
        )}
      </main>
    </>
  );
}
