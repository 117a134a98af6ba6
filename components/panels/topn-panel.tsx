'use client';

import { useMemo } from 'react';
import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { topnPanelOption } from '@/lib/ui/panel-chart';
import { formatMeasure } from '@/lib/ui/format';
import { columnLabel } from '@/lib/dashboards/public';
import { COMPARE_LABELS, measureOf, valueLabel } from '@/lib/ui/labels';
import { toBars } from '@/lib/ui/series';
import { withDrillDown } from '@/lib/ui/view-edit';
import type { RowsTarget } from '@/lib/ui/rows';
import type { View } from '@/lib/view/schema';
import { Chart } from '../charts/chart';
import { useChartTheme } from '../charts/use-chart-theme';
import { DataTable } from './data-table';

type Props = {
  dashboard: PublicDashboard;
  panel: Extract<Panel, { type: 'topn' }>;
  data: QueryResponse;
  view: View;
  setView: (view: View) => void;
  asTable: boolean;
  /** Opens "show the rows" for a bar, a bucket or a table row. */
  showRows: (target: RowsTarget) => void;
  /** The server's first paint of this answer, if it is still the one shown. */
  svg?: string;
};

export function TopnPanel({ dashboard, panel, data, view, setView, asTable, showRows, svg }: Props) {
  const theme = useChartTheme();
  const measure = measureOf(dashboard, panel.measure);
  const dimLabel = columnLabel(dashboard, panel.dimension);
  const bars = useMemo(() => toBars(data), [data]);
  const ghostCaption = COMPARE_LABELS[view.compare];
  const option = useMemo(() => theme && (() => topnPanelOption(dashboard, panel, bars, view, theme)), [theme, dashboard, panel, bars, view]);

  const drill = (key: string | null | undefined) => {
    if (key !== null && key !== undefined) setView(withDrillDown(view, panel.dimension, key));
  };

  if (asTable) {
    const withCompare = view.compare !== 'none';
    return (
      <DataTable
        caption={`${panel.title}: ${measure.label} by ${dimLabel}`}
        columns={[
          { id: panel.dimension, label: dimLabel },
          { id: panel.measure, label: measure.label, numeric: true },
          ...(withCompare ? [{ id: 'previous', label: ghostCaption, numeric: true }] : []),
        ]}
        rows={bars.map((b) => ({
          key: String(b.key),
          cells: [
            valueLabel(b.key),
            formatMeasure(b.value, measure.format),
            ...(withCompare ? [formatMeasure(b.previous, measure.format)] : []),
          ],
          drill: b.key === null ? undefined : { label: `Filter to ${dimLabel} ${b.key}`, onSelect: () => drill(b.key) },
          rows: b.key === null ? undefined : { label: `Show the rows for ${dimLabel} ${b.key}`, onSelect: () => showRows({ label: `${dimLabel} ${b.key}`, at: { values: { [panel.dimension]: b.key! } } }) },
        }))}
      />
    );
  }

  const label =
    `${panel.title}: bar chart of ${measure.label} by ${dimLabel}, ` +
    bars
      .slice(0, 5)
      .map((b) => `${valueLabel(b.key)} ${formatMeasure(b.value, measure.format)}`)
      .join('; ') +
    `. Click a bar to filter to it; use "Table" for all values.`;

  return <Chart key={theme?.scheme} svg={svg} option={option} label={label} onItemClick={(e) => e.seriesId === 'cur' && drill(bars[e.dataIndex]?.key)} />;
}
