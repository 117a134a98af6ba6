import { describe, expect, it } from 'vitest';
import { ExportRequestSchema, exportFileName } from './export';

const at = Date.parse('2026-11-25T14:05:09Z');
const view = { range: { last: 'PT1H' } };

describe('export file names', () => {
  it('name the dashboard, the panel and the minute', () => {
    expect(exportFileName('cluster-overview', 'top_topics', at, 'csv')).toBe('cluster-overview-top-topics-2026-11-25T1405.csv');
    expect(exportFileName('cluster-overview', 'top_topics', at, 'xlsx')).toBe('cluster-overview-top-topics-2026-11-25T1405.xlsx');
  });

  it('name the dashboard alone for a PDF of it', () => {
    expect(exportFileName('cluster-overview', undefined, at, 'pdf')).toBe('cluster-overview-2026-11-25T1405.pdf');
  });
});

describe('export requests', () => {
  it('need a panel for XLSX and PNG and refuse one for PDF, naming the path', () => {
    expect(ExportRequestSchema.safeParse({ format: 'png', dashboard: 'd', panel: 'p', view }).success).toBe(true);
    expect(ExportRequestSchema.safeParse({ format: 'pdf', dashboard: 'd', view }).success).toBe(true);
    const noPanel = ExportRequestSchema.safeParse({ format: 'xlsx', dashboard: 'd', view });
    expect(noPanel.error?.issues[0]?.path).toEqual(['panel']);
    const pdfPanel = ExportRequestSchema.safeParse({ format: 'pdf', dashboard: 'd', panel: 'p', view });
    expect(pdfPanel.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['panel'] });
    expect(ExportRequestSchema.safeParse({ format: 'docx', dashboard: 'd', view }).error?.issues[0]?.path).toEqual(['format']);
  });
});
