import { AdminAudit } from '@/components/admin/admin-audit';
import { DestinationSettings } from '@/components/admin/admin-destinations';
import { EmbedSettings } from '@/components/admin/admin-embed';
import { ThresholdSettings, WebhookSettings } from '@/components/admin/admin-settings';
import { AdminUsers } from '@/components/admin/admin-users';
import styles from '@/components/admin/admin.module.css';
import { AppHeader } from '@/components/app-header';
import { StatusPage } from '@/components/status-page';
import pageStyles from '@/components/pages.module.css';
import { getRuntime } from '@/lib/runtime/runtime';
import { requirePageUser } from '../current-user';

export const metadata = { title: 'Administration' };

/** The tenant admin's page: users and invitations, the webhook, alert destinations, alert thresholds, embedding, the audit log. */
export default async function AdminPage() {
  const user = await requirePageUser('/admin');
  const role = await (await getRuntime()).store.memberships.roleOf(user.tenant, user.email);
  if (role !== 'admin') {
    return (
      <StatusPage code="403" title="Admins only">
        Only an admin of {user.tenantName} can manage its users and settings. Ask one of them for the admin role.
      </StatusPage>
    );
  }
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.page}>
        <div>
          <h1 className={pageStyles.pageTitle}>Administration</h1>
          <p className={pageStyles.lede}>Who can see {user.tenantName}’s dashboards, where its alerts go, who may embed them, and what happened.</p>
        </div>
        <AdminUsers me={user.email} />
        <WebhookSettings />
        <DestinationSettings />
        <ThresholdSettings />
        <EmbedSettings />
        <AdminAudit />
      </main>
    </>
  );
}
