import styles from '@/components/admin/admin.module.css';
import { AppHeader } from '@/components/app-header';
import pageStyles from '@/components/pages.module.css';
import { ReportList } from '@/components/reports/report-list';
import { requirePageUser } from '../current-user';

export const metadata = { title: 'Scheduled reports' };

/** The signed-in user's scheduled reports: when each goes, where, how its last run went; send now, pause, delete. */
export default async function ReportsPage() {
  const user = await requirePageUser('/reports');
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.page}>
        <div>
          <h1 className={pageStyles.pageTitle}>Scheduled reports</h1>
          <p className={pageStyles.lede}>
            Views of dashboards sent to you and your colleagues at {user.tenantName} every day or week, drawn as you see them. Schedule one from a dashboard’s <strong>Schedule</strong> button.
          </p>
        </div>
        <ReportList />
      </main>
    </>
  );
}
