'use client';

import type { QueryResponse } from '@/lib/contract/schemas';
import type { PublicDashboard } from '@/lib/dashboards/public';
import type { Panel } from '@/lib/dashboards/schema';
import { formatBucket, formatMeasure } from '@/lib/ui/format';
import { columnLabel } from '@/lib/dashboards/public';
import { measureOf, valueLabel } from '@/lib/ui/labels';
import { toNumber } from '@/lib/ui/series';
import { withDrillDown, withSort } from '@/lib/ui/view-edit';
import type { RowsTarget } from '@/lib/ui/rows';
import type { View } from '@/lib/view/schema';
import type { Grain } from '@/lib/view/time';
import { DataTable, type TableColumn } from './data-table';

type Props = {
  dashboard: PublicDashboard;
  panel: Extract<Panel, { type: 'table' }>;
  data: QueryResponse;
  view: View;
  setView: (view: View) => void;
  /** Opens "show the rows" for a bar, a bucket or a table row. */
  showRows: (target: RowsTarget) => void;
};

/**
 * Sorted on the server (view.sort, so the order is in the URL); a row click filters to its values.
 * A Time column (a listing table) shows each row's minute in the view's time zone.
 */
export function TablePanel({ dashboard, panel, data, view, setView, showRows }: Props) {
  const dims = panel.dimensions;
  // Without a sort of its own in the view, the server orders a listing newest first and any other table by its first measure, biggest first.
  const sort = view.sort && data.columns.some((c) => c.name === view.sort!.by) ? view.sort : panel.time ? null : { by: panel.measures[0]!, dir: 'desc' };
  const columns: TableColumn[] = data.columns.map((c) =>
    c.type === 'time'
      ? // Newest first unless another column is sorted; the time itself is the order, not a sort choice.
        { id: c.name, label: 'Time' }
      : {
          id: c.name,
          label: columnLabel(dashboard, c.name),
          numeric: c.type === 'number',
          sort: sort?.by === c.name ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        },
  );
  // A listing table (panel.time) starts with its Time column; the dimensions follow.
  const first = data.columns.findIndex((c) => c.name === dims[0]);
  const grain = data.meta.grain as Grain;

  return (
    <DataTable
      caption={panel.title}
      columns={columns}
      onSort={(by) => setView(withSort(view, by))}
      rows={data.rows.map((row, i) => {
        const values = dims.map((_, d) => (row[first + d] === null ? null : String(row[first + d])));
        const drillable = values.every((v): v is string => v !== null);
        const named = dims.map((d, k) => `${columnLabel(dashboard, d)} ${values[k]}`).join(', ');
        const t = data.columns[0]?.type === 'time' ? Number(row[0]) : null;
        const when = t === null ? '' : `${formatBucket(t, grain, view.tz)}, `;
        return {
          key: `${i}:${values.join('\u0000')}`,
          cells: data.columns.map((c, j) =>
            c.type === 'time'
              ? formatBucket(Number(row[j]), grain, view.tz)
              : c.type === 'number'
                ? formatMeasure(toNumber(row[j]), measureOf(dashboard, c.name).format)
                : valueLabel(values[j - first] ?? null),
          ),
          drill: drillable
            ? {
                label: `Filter to ${named}`,
                cell: first,
                onSelect: () => setView(values.reduce((v, value, k) => withDrillDown(v, dims[k]!, value), view)),
              }
            : undefined,
          // Rows without a value cannot be asked for by value: no rows button (the header's lists them all).
          rows: drillable
            ? {
                label: `Show the rows for ${when}${named}`,
                onSelect: () => showRows({ label: `${when}${named}`, at: { ...(t === null ? {} : { t: new Date(t).toISOString() }), values: Object.fromEntries(dims.map((d, k) => [d, values[k]!])) } }),
              }
            : undefined,
        };
      })}
    />
  );
}
