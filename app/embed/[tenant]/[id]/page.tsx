import { notFound } from 'next/navigation';
import { EmbedView } from '@/components/embed/embed-view';
import styles from '@/components/embed/embed.module.css';
import { findDashboard } from '@/lib/dashboards/registry';
import { embedOrigins } from '@/lib/runtime/embed';
import { getRuntime } from '@/lib/runtime/runtime';

type Props = { params: Promise<{ tenant: string; id: string }> };

export const metadata = { title: 'Dashboard', robots: { index: false } };

/**
 * A dashboard for a vendor's own page (public/embed.js frames it). The page itself holds no
 * data and needs no cookie: the host page hands the iframe its embed token by postMessage, and
 * every answer is fetched with it. The tenant in the path only chooses which origins may frame
 * the page (proxy.ts) and send it tokens.
 */
export default async function EmbedPage({ params }: Props) {
  const { tenant, id } = await params;
  const origins = await embedOrigins((await getRuntime()).embed, tenant);
  if (!origins || !findDashboard(id)) notFound();
  return (
    <main className={styles.page}>
      <EmbedView tenant={tenant} dashboardId={id} origins={origins} />
    </main>
  );
}
