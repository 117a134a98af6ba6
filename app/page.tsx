import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { DashboardPulse, type Headline } from '@/components/dashboard-pulse';
import type { Dashboard } from '@/lib/dashboards/schema';
import { headlinePanel } from '@/lib/ui/headline';
import { listDashboards } from '@/lib/dashboards/registry';
import { requirePageUser } from './current-user';
import styles from '@/components/pages.module.css';

export const metadata = { title: 'Dashboards' };

const PANEL_KINDS: Record<string, string> = { kpi: 'KPIs', timeseries: 'time series', topn: 'top-N', table: 'table' };

/** What a card's live line needs: its headline panel and measure, and the dashboard's limits. */
function headlineOf(d: Dashboard): Headline | null {
  const panel = headlinePanel(d.panels);
  const measure = panel && d.measures.find((m) => m.id === panel.measure);
  if (!panel || !measure) return null;
  return { dashboard: d.id, panel: panel.id, label: measure.label, format: measure.format, limits: { maxSpanDays: d.maxSpanDays, finestGrain: d.finestGrain } };
}

export default async function DashboardList() {
  const user = await requirePageUser('/');
  const dashboards = listDashboards();
  return (
    <>
      <AppHeader user={user} />
      <main className={styles.listPage}>
        <h1 className={styles.pageTitle}>Dashboards</h1>
        <p className={styles.lede}>Live views of {user.tenantName}’s streaming platform. Every link you share opens the same view for your colleagues.</p>
        <ul className={styles.cards}>
          {dashboards.map((d) => ({ d, headline: headlineOf(d) })).map(({ d, headline }) => (
            <li key={d.id}>
              <Link href={`/d/${d.id}`} className={styles.card}>
                <h2 className={styles.cardTitle}>{d.title}</h2>
                <p className={styles.cardText}>{d.description}</p>
                {headline && <DashboardPulse headline={headline} />}
                <p className={styles.cardMeta}>
                  {d.panels.length} panels · {[...new Set(d.panels.map((p) => PANEL_KINDS[p.type]))].join(', ')}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
