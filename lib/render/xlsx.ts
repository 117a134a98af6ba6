import 'server-only';
import ExcelJS from 'exceljs';
import { offsetAt } from '@/lib/view/zoned';

/**
 * A panel's answer as an Excel workbook: the columns and rows the CSV has (headed by
 * lib/dashboards/public.ts exportColumns, as the CSV is), with typed cells: numbers as numbers at
 * full precision, times as Excel dates showing the wall-clock time of the view's zone (Excel dates
 * have no zone; the "About" sheet names it). A bold, frozen header and widths from the content.
 */
export type XlsxColumn = { label: string; type: 'time' | 'string' | 'number' | 'ordinal' };
export type XlsxCell = string | number | boolean | null;

export type XlsxInput = {
  /** The data sheet's name: the panel's title. */
  title: string;
  columns: XlsxColumn[];
  rows: readonly (readonly XlsxCell[])[];
  tz: string;
  /** What the data is: dashboard, panel, range, zone, filters, data until… one row each on the "About" sheet. */
  about: [string, string][];
};

export const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Widths are measured on the first rows only: a long answer costs no more to size. */
const SIZED_ROWS = 500;

/** The wall-clock time of `ms` in `tz`, as the Date Excel shows (it reads dates as UTC). */
export function excelTime(ms: number, tz: string): Date {
  return new Date(ms + offsetAt(ms, tz));
}

function cellValue(cell: XlsxCell | undefined, type: XlsxColumn['type'], tz: string): ExcelJS.CellValue {
  if (cell === null || cell === undefined) return null;
  if (type === 'time' && typeof cell === 'number') return excelTime(cell, tz);
  // Numbers sent as text (none today, but a sketch could) stay text rather than turn into something else.
  return cell;
}

/** Sheet names: at most 31 characters, none of []:*?/\ (Excel refuses the file otherwise). */
function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Data';
}

export async function buildXlsx(input: XlsxInput): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Pulseboard';
  const sheet = book.addWorksheet(sheetName(input.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(input.columns.map((c) => c.label));
  header.font = { bold: true };
  for (const row of input.rows) sheet.addRow(input.columns.map((c, i) => cellValue(row[i], c.type, input.tz)));
  input.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    if (c.type === 'time') col.numFmt = TIME_FORMAT;
    const longest = c.type === 'time' ? TIME_FORMAT.length : Math.max(0, ...input.rows.slice(0, SIZED_ROWS).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, c.label.length, longest) + 2);
  });
  const about = book.addWorksheet('About');
  for (const pair of input.about) about.addRow(pair);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 14;
  about.getColumn(2).width = Math.min(MAX_WIDTH * 2, Math.max(20, ...input.about.map(([, v]) => v.length)) + 2);
  return Buffer.from(await book.xlsx.writeBuffer());
}
