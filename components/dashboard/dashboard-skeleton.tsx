import type { PublicDashboard } from '@/lib/dashboards/public';
import filterStyles from '../filters/filter-bar.module.css';
import { PanelSkeleton } from '../panels/panel-frame';
import styles from '../panels/panel.module.css';

/** The filter bar's place while its controls wait for the browser. */
export function FilterBarSkeleton() {
  return (
    <div className={filterStyles.bar} aria-hidden="true">
      <div className={`skeleton ${filterStyles.barSkeleton}`} />
    </div>
  );
}

/** What the dashboard looks like before its view is known: same boxes, same sizes. */
export function DashboardSkeleton({ dashboard }: { dashboard: PublicDashboard }) {
  return (
    <>
      <FilterBarSkeleton />
      <div className={styles.grid}>
        {dashboard.panels.map((p) => (
          <PanelSkeleton key={p.id} panel={p} />
        ))}
      </div>
    </>
  );
}
