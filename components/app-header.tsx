import Link from 'next/link';
import { AlertIndicator } from './alert-indicator';
import type { User } from '@/lib/auth/users';
import { DashboardSwitcher, type DashboardLink } from './dashboard-switcher';
import { Logo } from './logo';
import styles from './app-header.module.css';
import { UserMenu } from './user-menu';

/** Top bar of every signed-in page: brand, dashboard switcher, the tenant and the user. */
export function AppHeader({ user, dashboards, current }: { user: User; dashboards?: DashboardLink[]; current?: string }) {
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand}>
        <Logo />
        <span className={styles.brandName}>Pulseboard</span>
      </Link>
      {dashboards && current && (
        <>
          <span className={styles.divider} aria-hidden="true" />
          <DashboardSwitcher dashboards={dashboards} current={current} />
        </>
      )}
      <span className={styles.spacer} />
      <AlertIndicator />
      <span className={styles.tenant} title="Your organisation">
        {user.tenantName}
      </span>
      <UserMenu email={user.email} tenantName={user.tenantName} />
    </header>
  );
}
