'use client';

import { useQuery } from '@tanstack/react-query';
import { memo, useContext, useState } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel as PanelConfig } from '@/lib/dashboards/schema';
import { EXPORT_CONTENT_TYPES, exportFileName } from '@/lib/contract/export';
import { toCsv } from '@/lib/ui/csv';
import { exportColumns } from '@/lib/dashboards/public';
import { expectedAsk, expectedByDefault } from '@/lib/ui/expected-range';
import { panelQuery } from '@/lib/ui/queries';
import type { RowsTarget } from '@/lib/ui/rows';
import { toNumber } from '@/lib/ui/series';
import { encodeView } from '@/lib/view/codec';
import type { View } from '@/lib/view/schema';
import { saveFile } from '../save-file';
import { useExport } from '../use-export';
import { ExplainDialog } from './explain-dialog';
import { ExportMenu, type ExportChoice } from './export-menu';
import { HeatmapPanel } from './heatmap-panel';
import { FirstPaint } from '../dashboard/first-paint';
import { KpiTiles } from './kpi-tiles';
import { PanelFooter } from './panel-footer';
import { PanelFrame, PanelMessage, PanelSkeleton, type PanelState } from './panel-frame';
import { RowsDialog } from './rows-dialog';
import styles from './panel.module.css';
import { SparklinePanel } from './sparkline-panel';
import { TablePanel } from './table-panel';
import { TimeseriesPanel } from './timeseries-panel';
import { TopnPanel } from './topn-panel';

type Props = {
  dashboard: PublicDashboard;
  panel: PanelConfig;
  view: View;
  live: boolean;
  /** The dashboard's answers are pushed (GET /api/stream), as the dashboard sets each panel. */
  pushed?: boolean;
  setView: (view: View) => void;
};

function hasData(panel: PanelConfig, data: QueryResponse): boolean {
  if (data.rows.length === 0) return false;
  // A KPI always answers one row; all-empty measures mean nothing matched.
  return (panel.type !== 'kpi' && panel.type !== 'sparkline') || data.rows[0]!.some((cell) => toNumber(cell) !== null);
}

/**
 * The dashboard re-renders as it settles in the browser (hydration, the saved views, the address
 * bar rewritten), each time with a new but equal view: a panel re-renders only for a different one.
 */
function sameProps(a: Props, b: Props): boolean {
  return a.dashboard === b.dashboard && a.panel === b.panel && a.live === b.live && a.pushed === b.pushed && a.setView === b.setView && (a.view === b.view || encodeView(a.view) === encodeView(b.view));
}

export const Panel = memo(function Panel({ dashboard, panel, view, live, pushed = false, setView }: Props) {
  // The expected range is the reader's to turn on or off per panel (not part of the shared view); the dashboard sets where it starts.
  const [band, setBand] = useState(() => expectedByDefault(panel));
  const expected = expectedAsk(panel, view, band);
  // Pushed answers are the dashboard's own settings: a panel switched away from them polls for itself.
  const poll = live && !(pushed && band === expectedByDefault(panel));
  const query = useQuery(panelQuery(dashboard.id, panel.id, view, poll, expected));
  const [asTable, setAsTable] = useState(false);
  // "Show the rows" behind the panel, a bucket or a value: the dialog is open while set.
  const [rowsOf, showRows] = useState<RowsTarget | null>(null);
  const [exporting, runExport] = useExport();
  const { data, error } = query;
  // The server's SVG stands for this answer only: a refresh or another view brings the canvas.
  const first = useContext(FirstPaint)[panel.id];
  const svg = first && query.dataUpdatedAt === first.at ? first.svg : undefined;

  if (query.isPending) return <PanelSkeleton panel={panel} />;

  const state: PanelState = !data ? 'error' : hasData(panel, data) ? 'ready' : 'empty';
  const chart = panel.type === 'timeseries' || panel.type === 'topn' || panel.type === 'percentiles';
  function exportAs(format: ExportChoice) {
    const name = exportFileName(dashboard.id, panel.id, Date.now(), format);
    if (format !== 'csv') return runExport({ format, dashboard: dashboard.id, panel: panel.id, view }, name);
    // CSV is made here from the answer on screen; Excel and PNG by the server (POST /api/export).
    if (data) saveFile(name, new Blob([toCsv(exportColumns(dashboard, data.columns), data.rows, view.tz)], { type: EXPORT_CONTENT_TYPES.csv }));
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
      <button type="button" className="btn btn-ghost btn-small" onClick={() => showRows({ label: 'the whole view' })} disabled={state !== 'ready'} aria-haspopup="dialog" aria-label={`Show the rows behind ${panel.title}`}>
        Rows
      </button>
      <ExportMenu title={panel.title} state={exporting} disabled={state !== 'ready'} onChoose={(format) => void exportAs(format)} />
      {rowsOf && <RowsDialog dashboardId={dashboard.id} panelId={panel.id} panelTitle={panel.title} view={view} target={rowsOf} onClose={() => showRows(null)} />}
    </>
  );

  const bodyProps = { dashboard, view, setView, asTable, showRows };
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
