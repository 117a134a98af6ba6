import { AlertInbox } from '@/components/alerts/alert-inbox';
import styles from '@/components/admin/admin.module.css';
import { AppHeader } from '@/components/app-header';
import pageStyles from '@/components/pages.module.css';
import { canEdit } from '@/lib/contract/schemas';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePageUser } from '../current-user';

export const metadata = { title: 'Alerts' };

/** The alert inbox: the tenant's alerts of the last day by state; editors and admins acknowledge and resolve them. */
export default async function AlertsPage() {
  const user = await requirePageUser('/alerts');
  const role = await (await getRuntime()).store.memberships.roleOf(user.tenant, user.email);
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.page}>
        <div>
          <h1 className={pageStyles.pageTitle}>Alerts</h1>
          <p className={pageStyles.lede}>
            What the stream jobs raised for {user.tenantName} in the last 24 hours.{' '}
            {role && canEdit(role) ? 'Acknowledge an alert to tell your team you are on it; resolve it when it is handled.' : 'Editors and admins acknowledge and resolve them.'}
          </p>
        </div>
        <AlertInbox canEdit={Boolean(role && canEdit(role))} />
      </main>
    </>
  );
}
