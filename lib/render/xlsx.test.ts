import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLabel, exportColumns } from '@/lib/dashboards/public';
import { splitTimeseries } from '@/lib/ui/answers.fixtures';
import { toCsv } from '@/lib/ui/csv';
import { isoInZone } from '@/lib/ui/local-time';
import { readWorkbook, sheetRows } from '@/lib/testing/workbook';
import { TIME_FORMAT, buildXlsx, type XlsxCell } from './xlsx';

const dashboard = {
  dimensions: [{ id: 'cluster', label: 'Cluster' }],
  measures: [{ id: 'bytes_in', label: 'Bytes in' }, { id: 'ratio', label: 'Error ratio' }],
};

/** A CSV field as the XLSX cell it should be: numbers parsed, times read as wall clock, text unquoted. */
function fromCsvField(field: string, type: string): unknown {
  if (field === '') return undefined;
  if (type === 'time') return field.slice(0, 19);
  if (type === 'number') return Number(field);
  return field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field;
}

describe('XLSX export', () => {
  it('holds the CSV’s columns and rows as typed cells, times in the view’s zone (across a DST change)', async () => {
    const t0 = Date.parse('2026-10-25T00:30:00Z'); // Berlin leaves summer time at 01:00 UTC
    const answer = {
      columns: [...splitTimeseries.columns, { name: 'ratio', type: 'number' as const }],
      rows: [
        [t0, 'eu', 10, 0.1234567890123456],
        [t0 + 3_600_000, 'us, west', 12_345_678_901, 1 / 3],
        [t0 + 7_200_000, null, 2, null],
      ] as XlsxCell[][],
    };
    const tz = 'Europe/Berlin';
    const columns = exportColumns(dashboard, answer.columns);
    const file = await buildXlsx({ title: 'Bytes in by cluster', columns, rows: answer.rows, tz, about: [['Zone', tz]] });
    const book = await readWorkbook(file);
    const sheet = book.getWorksheet('Bytes in by cluster')!;
    const [header, ...rows] = sheetRows(sheet);

    const [csvHeader, ...csvRows] = toCsv(columns, answer.rows, tz).trimEnd().split('\r\n');
    expect(header).toEqual(csvHeader!.split(','));
    expect(header).toEqual(['Time', 'Cluster', 'Bytes in', 'Error ratio']);
    expect(rows.length).toBe(csvRows.length);
    rows.forEach((row, r) => {
      const fields = csvRows[r]!.match(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
      columns.forEach((c, i) => {
        const cell = row[i];
        if (c.type === 'time') expect((cell as Date).toISOString().slice(0, 19)).toBe(fromCsvField(fields[i]!, 'time'));
        else expect(cell).toEqual(fromCsvField(fields[i]!, c.type));
      });
    });
    // Typed, full precision, wall clock of Berlin: 02:30 summer time, then 02:30 winter time, then 03:30.
    expect(rows[0]![3]).toBe(0.1234567890123456);
    expect(rows[1]![2]).toBe(12_345_678_901);
    expect(rows.map((r) => (r[0] as Date).toISOString())).toEqual(['2026-10-25T02:30:00.000Z', '2026-10-25T02:30:00.000Z', '2026-10-25T03:30:00.000Z']);
    expect(isoInZone(t0, tz)).toBe('2026-10-25T02:30:00+02:00');
    expect(sheet.getCell('A2').numFmt).toBe(TIME_FORMAT);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual('us, west'.length);
  });

  it('keeps text that looks like a formula as text, and says what the data is on a second sheet', async () => {
    const columns = exportColumns(dashboard, [{ name: 'cluster', type: 'string' }]);
    const about: [string, string][] = [['Dashboard', 'Cluster overview'], ['Filters', 'Cluster is eu']];
    const book = await readWorkbook(await buildXlsx({ title: 'A/B: [test]?', columns, rows: [['=HYPERLINK("x")'], ['+1']], tz: 'UTC', about }));
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('A B   test');
    expect(sheetRows(sheet).slice(1)).toEqual([['=HYPERLINK("x")'], ['+1']]);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheetRows(book.getWorksheet('About')!)).toEqual(about);
    expect(columnLabel(dashboard, 'unknown')).toBe('unknown');
  });
});
