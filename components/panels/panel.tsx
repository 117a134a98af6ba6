'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useContext, useState } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel as PanelConfig } from '@/lib/dashboards/schema';
import { csvFileName, toCsv } from '@/lib/ui/csv';
import { expectedAsk, expectedByDefault } from '@/lib/ui/expected-range';
import { columnLabel } from '@/lib/ui/labels';
import { panelQuery } from '@/lib/ui/queries';
import { toNumber } from '@/lib/ui/series';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { ExplainDialog } from './explain-dialog';
import { HeatmapPanel } from './heatmap-panel';
import { FirstPaint } from '../dashboard/first-paint';
import { KpiTiles } from './kpi-tiles';
import { PanelFooter } from './panel-footer';
import { PanelFrame, PanelMessage, PanelSkeleton, type PanelState } from './panel-frame';
import styles from './panel.module.css';
import { SparklinePanel } from './sparkline-panel';
import { TablePanel } from './table-panel';
import { TimeseriesPanel } from './timeseries-panel';
import { TopnPanel } from './topn-panel';

type Props = { dashboard: PublicDashboard; panel: PanelConfig; view: View; live: boolean; setView: (view: View) => void };

function hasData(panel: PanelConfig, data: QueryResponse): boolean {
  if (data.rows.length === 0) return false;
  // A KPI always answers one row; all-empty measures mean nothing matched.
  return (panel.type !== 'kpi' && panel.type !== 'sparkline') || data.rows[0]!.some((cell) => toNumber(cell) !== null);
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/**
 * The dashboard re-renders as it settles in the browser (hydration, the saved views, the address
 * bar rewritten), each time with a new but equal view: a panel re-renders only for a different one.
 */
function sameProps(a: Props, b: Props): boolean {
  return a.dashboard === b.dashboard && a.panel === b.panel && a.live === b.live && a.setView === b.setView && (a.view === b.view || encodeView(a.view) === encodeView(b.view));
}

export const Panel = memo(function Panel({ dashboard, panel, view, live, setView }: Props) {
  // The expected range is the reader's to turn on or off per panel (not part of the shared view); the dashboard sets where it starts.
  const [band, setBand] = useState(() => expectedByDefault(panel));
  const expected = expectedAsk(panel, view, band);
  const query = useQuery(panelQuery(dashboard.id, panel.id, view, live, expected));
  const [asTable, setAsTable] = useState(false);
  const { data, error } = query;
  // The server's SVG stands for this answer only: a refresh or another view brings the canvas.
  const first = useContext(FirstPaint)[panel.id];
  const svg = first && query.dataUpdatedAt === first.at ? first.svg : undefined;

  if (query.isPending) return <PanelSkeleton panel={panel} />;

  const state: PanelState = !data ? 'error' : hasData(panel, data) ? 'ready' : 'empty';
  const chart = panel.type === 'timeseries' || panel.type === 'topn' || panel.type === 'percentiles';
  function exportCsv() {
    if (!data) return;
    const columns = data.columns.map((c) => ({ label: columnLabel(dashboard, c.name), type: c.type }));
    download(csvFileName(dashboard.id, panel.id, Date.now()), toCsv(columns, data.rows, view.tz));
  }

  // A KPI's change, explained by the values that moved it (counts, sums and their ratios).
  const explainable = (panel.type === 'kpi' ? panel.measures : panel.type === 'sparkline' ? [panel.measure] : []).filter((m) => {
    const kind = dashboard.measures.find((x) => x.id === m)?.kind;
    return kind === 'counter' || kind === 'ratio';
  });
  const actions = (
    <>
      {explainable.length > 0 && state === 'ready' && (
        <ExplainDialog dashboard={dashboard} panelId={panel.id} panelTitle={panel.title} measures={explainable} view={view} setView={setView} />
      )}
      {expected !== undefined && (
        <button type="button" className="btn btn-ghost btn-small" aria-pressed={band} onClick={() => setBand(!band)} title="Same hours of the 4 weeks before: median ± 3 robust deviations">
          Expected range
        </button>
      )}
      {chart && (
        <button type="button" className="btn btn-ghost btn-small" aria-pressed={asTable} onClick={() => setAsTable(!asTable)} disabled={state !== 'ready'}>
          Table
        </button>
      )}
      <button type="button" className="btn btn-ghost btn-small" onClick={exportCsv} disabled={state !== 'ready'} aria-label={`Download ${panel.title} as CSV`}>
        CSV
      </button>
    </>
  );

  const bodyProps = { dashboard, view, setView, asTable };
  return (
    <PanelFrame
      panel={panel}
      state={state}
      rows={data?.rows.length}
      actions={actions}
      footer={<PanelFooter meta={data?.meta} receivedAt={query.dataUpdatedAt} tz={view.tz} error={data ? error : null} onRetry={() => query.refetch()} />}
    >
      {!data ? (
        <PanelMessage
          title="Couldn’t load this panel"
          action={
            <button type="button" className="btn btn-small" onClick={() => query.refetch()}>
              Retry
            </button>
          }
        >
          {error?.message ?? 'Something went wrong.'}
        </PanelMessage>
      ) : state === 'empty' ? (
        <PanelMessage title="No data for this view">Try a longer time range or remove some filters.</PanelMessage>
      ) : (
        <div className={styles.content}>
          {panel.type === 'kpi' && <KpiTiles dashboard={dashboard} data={data} view={view} />}
          {(panel.type === 'timeseries' || panel.type === 'percentiles') && <TimeseriesPanel {...bodyProps} panel={panel} data={data} svg={svg} />}
          {panel.type === 'topn' && <TopnPanel {...bodyProps} panel={panel} data={data} svg={svg} />}
          {panel.type === 'table' && <TablePanel {...bodyProps} panel={panel} data={data} />}
          {panel.type === 'heatmap' && <HeatmapPanel dashboard={dashboard} panel={panel} data={data} view={view} />}
          {panel.type === 'sparkline' && <SparklinePanel dashboard={dashboard} panel={panel} data={data} view={view} />}
        </div>
      )}
    </PanelFrame>
  );
}, sameProps);
