import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/app-header';
import { DashboardBuilder } from '@/components/builder/dashboard-builder';
import styles from '@/components/pages.module.css';
import { tenantDashboardDocument } from '@/lib/api/tenant-dashboards';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePageUser } from '../../current-user';
import { isEditor } from '../../dashboards-for';
import { asDraft, builderCatalogs } from '../catalogs';

export const metadata = { title: 'Edit dashboard' };

/** Edits one of the tenant's own dashboards (another tenant's is not found). */
export default async function EditDashboard({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/build/${encodeURIComponent(id)}`);
  const doc = await tenantDashboardDocument((await getRuntime()).store, user.tenant, id);
  if (!doc) notFound();
  const draft = asDraft(doc.definition);
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.listPage}>
        <h1 className={styles.pageTitle}>Edit {draft.title}</h1>
        {isEditor(user) ? (
          <DashboardBuilder catalogs={builderCatalogs()} initial={draft} id={id} revision={doc.revision} />
        ) : (
          <p className={styles.lede} role="alert">Only editors and admins of {user.tenantName} change dashboards.</p>
        )}
      </main>
    </>
  );
}
