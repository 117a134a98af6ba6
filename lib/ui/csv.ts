/**
 * RFC 4180 CSV from a panel's rows, built in the browser. Numbers keep full precision (no
 * locale grouping) so spreadsheets read them as numbers; times carry the view's UTC offset.
 */
import type { QueryResponse } from '@/lib/contract/schemas';
import { isoInZone } from './local-time';

type Cell = QueryResponse['rows'][number][number];
export type CsvColumn = { label: string; type: 'time' | 'string' | 'number' | 'ordinal' };

/** Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cellText(cell: Cell | undefined, type: CsvColumn['type'], tz: string): string {
  if (cell === null || cell === undefined) return '';
  if (type === 'time' && typeof cell === 'number') return isoInZone(cell, tz);
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return csvField(cell);
}

export function toCsv(columns: CsvColumn[], rows: Cell[][], tz: string): string {
  const header = columns.map((c) => csvField(c.label)).join(',');
  const body = rows.map((row) => columns.map((c, i) => cellText(row[i], c.type, tz)).join(','));
  return [header, ...body].join('\r\n') + '\r\n';
}
