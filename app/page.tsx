import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { DashboardPulse, type Headline } from '@/components/dashboard-pulse';
import type { Dashboard } from '@/lib/dashboards/schema';
import { headlinePanel } from '@/lib/ui/headline';
import { requirePageUser } from './current-user';
import { dashboardsFor, isEditor } from './dashboards-for';
import styles from '@/components/pages.module.css';

export const metadata = { title: 'Dashboards' };

const PANEL_KINDS: Record<string, string> = { kpi: 'KPIs', timeseries: 'time series', topn: 'top-N', table: 'table' };
const kindOf = (type: string) => PANEL_KINDS[type] ?? type;

/** What a card's live line needs: its headline panel and measure, and the dashboard's limits. */
function headlineOf(d: Dashboard): Headline | null {
  const panel = headlinePanel(d.panels);
  const measure = panel && d.measures.find((m) => m.id === panel.measure);
  if (!panel || !measure) return null;
  return { dashboard: d.id, panel: panel.id, label: measure.label, format: measure.format, limits: { maxSpanDays: d.maxSpanDays, finestGrain: d.finestGrain } };
}

export default async function DashboardList() {
  const user = await requirePageUser('/');
  const dashboards = await dashboardsFor(user);
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.listPage}>
        <div className={styles.titleWithActions}>
          <h1 className={styles.pageTitle}>Dashboards</h1>
          {isEditor(user) && (
            <Link href="/build" className="btn btn-primary btn-small">
              New dashboard
            </Link>
          )}
        </div>
        <p className={styles.lede}>Live views of {user.tenantName}’s streaming platform. Every link you share opens the same view for your colleagues.</p>
        <ul className={styles.cards}>
          {dashboards.map((d) => ({ d, headline: headlineOf(d) })).map(({ d, headline }) => (
            <li key={d.id}>
              <Link href={`/d/${d.id}`} className={styles.card}>
                <h2 className={styles.cardTitle}>
                  {d.title}
                  {d.custom && <span className={styles.customBadge}>Your own</span>}
                </h2>
                <p className={styles.cardText}>{d.description}</p>
                {headline && <DashboardPulse headline={headline} />}
                <p className={styles.cardMeta}>
                  {d.panels.length} panels · {[...new Set(d.panels.map((p) => kindOf(p.type)))].join(', ')}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
