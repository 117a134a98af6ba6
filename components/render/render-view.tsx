'use client';

import { QueryClient, QueryClientProvider, useQueries, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { columnLabel, type PublicDashboard } from '@/lib/dashboards/public';
import { apiFetch } from '@/lib/ui/api';
import { formatClock, formatInterval } from '@/lib/ui/format';
import { OP_LABELS, RANGE_LABELS, compareCaption } from '@/lib/ui/labels';
import { panelQuery } from '@/lib/ui/queries';
import { recoverView } from '@/lib/ui/view-recovery';
import { isRelative, type View } from '@/lib/view/schema';
import { Panel } from '../panels/panel';
import panelStyles from '../panels/panel.module.css';
import styles from './render.module.css';

const noop = () => {};

/**
 * A dashboard, or one panel of it, as the server's browser draws it for a PDF or PNG export or a
 * scheduled report (lib/render/renderer.ts): no app chrome, no live refresh, no controls; on top
 * the title, the range, the zone, the filters and comparison, and where the data ends (a
 * forwarded file still says what its numbers are). The page holds no credential: the renderer adds the
 * export's render token to its requests. `data-render-root` turns "settled" once every answer is in.
 */
export function RenderView({ dashboardId, panelId }: { dashboardId: string; panelId?: string }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <Rendered dashboardId={dashboardId} panelId={panelId} />
    </QueryClientProvider>
  );
}

function Rendered({ dashboardId, panelId }: { dashboardId: string; panelId?: string }) {
  const params = useSearchParams();
  const found = useQuery({
    queryKey: ['dashboard', dashboardId],
    queryFn: ({ signal }) => apiFetch<{ dashboard: PublicDashboard }>(`/api/dashboards/${encodeURIComponent(dashboardId)}`, { signal }),
    staleTime: Infinity,
  });
  if (found.error) return <p role="alert" data-render-root="failed">{found.error.message}</p>;
  if (!found.data) return <p data-render-root="loading">Loading…</p>;
  const { dashboard } = found.data;
  const { view } = recoverView(new URLSearchParams(params.toString()), dashboard, 'UTC');
  const panels = panelId === undefined ? dashboard.panels : dashboard.panels.filter((p) => p.id === panelId);
  return <Page dashboard={dashboard} panels={panels} view={view} single={panelId !== undefined} />;
}

function Page({ dashboard, panels, view, single }: { dashboard: PublicDashboard; panels: PublicDashboard['panels']; view: View; single: boolean }) {
  const answers = useQueries({ queries: panels.map((p) => panelQuery(dashboard.id, p.id, view, false)) });
  const settled = answers.every((a) => !a.isPending);
  const metas = answers.flatMap((a) => (a.data ? [a.data.meta] : []));
  const until = Math.max(...metas.map((m) => (m.dataUntil ? Date.parse(m.dataUntil) : 0)));
  const interval = metas[0]?.interval;
  return (
    <main className={styles.page} data-render-root={settled ? 'settled' : 'loading'}>
      <header className={styles.header}>
        <h1 className={styles.title}>{dashboard.title}</h1>
        <p className={styles.facts}>
          <span>{isRelative(view.range) ? RANGE_LABELS[view.range.last] : 'Fixed range'}</span>
          {interval && <span>{formatInterval(Date.parse(interval.start), Date.parse(interval.end), view.tz)}</span>}
          <span>Zone {view.tz}</span>
          {view.filters.map((f) => (
            <span key={`${f.dim}:${f.op}`}>
              {columnLabel(dashboard, f.dim)} {OP_LABELS[f.op]} {f.values.join(', ')}
            </span>
          ))}
          {view.compare !== 'none' && <span>Compared {compareCaption(view.compare)}</span>}
          {until > 0 && <span>Data until {formatClock(until, view.tz)}</span>}
        </p>
      </header>
      {/* One panel (a PNG) takes the page's width, whatever its span on the dashboard. */}
      <div className={single ? styles.single : panelStyles.grid}>
        {panels.map((p) => (
          <Panel key={p.id} dashboard={dashboard} panel={p} view={view} live={false} setView={noop} />
        ))}
      </div>
    </main>
  );
}
