import type { PublicDashboard } from '@/lib/dashboards/public';
import filterStyles from '../filters/filter-bar.module.css';
import { PanelSkeleton } from '../panels/panel-frame';
import styles from '../panels/panel.module.css';

/** What the dashboard looks like before its view is known: same boxes, same sizes. */
export function DashboardSkeleton({ dashboard }: { dashboard: PublicDashboard }) {
  return (
    <>
      <div className={filterStyles.bar} aria-hidden="true">
        <div className={`skeleton ${filterStyles.barSkeleton}`} />
      </div>
      <div className={styles.grid}>
        {dashboard.panels.map((p) => (
          <PanelSkeleton key={p.id} panel={p} />
        ))}
      </div>
    </>
  );
}
