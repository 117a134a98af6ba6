/** "Show the rows": what the rows dialog says about a page and how it shows each cell. Pure. */
import type { RowsColumn, RowsResponse } from '@/lib/contract/rows';
import type { Grain } from '@/lib/view/time';
import { formatBucket, formatMeasure } from './format';
import { valueLabel } from './labels';

/** What a click asks for: the clicked bucket (at the panel's grain) and values, or the whole view; `label` says which in the dialog's title. */
export type RowsTarget = { label: string; at?: { t?: string; values?: Record<string, string> } };

/** "Rows 51–100 of 1,000+", "No rows": the first and last row on this page, counting from 1. */
export function rowsPageText(r: Pick<RowsResponse, 'page' | 'pageSize' | 'total' | 'capped'> & { shown: number }): string {
  if (r.total === 0) return 'No rows';
  const first = r.page * r.pageSize + 1;
  const n = (x: number) => x.toLocaleString('en-US');
  return `Rows ${n(first)}–${n(first + r.shown - 1)} of ${n(r.total)}${r.capped ? '+' : ''}`;
}

/** A cell for people: times at the rows' grain in the view's zone, numbers in full, empty values named. */
export function rowsCellText(column: RowsColumn, cell: RowsResponse['rows'][number][number], grain: Grain, tz: string): string {
  if (column.type === 'time') return formatBucket(Number(cell), grain, tz);
  if (column.type === 'number') return formatMeasure(typeof cell === 'number' ? cell : cell === null ? null : Number(cell), 'number');
  return valueLabel(cell === null ? null : String(cell));
}
