/** POST /api/export: a panel as XLSX or PNG, a dashboard as PDF, as the requesting viewer sees them. */
import { z } from 'zod';
import { ViewSchema } from '@/lib/view/schema';

const Id = z.string().min(1).max(64);
const dashboard = Id.describe('Dashboard id, as listed by GET /api/dashboards.');
const view = ViewSchema.describe('The view on screen: range, zone, grain, filters, compare, split.');

export const ExportRequestSchema = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.enum(['xlsx', 'png']).describe('xlsx: the panel’s answer as a workbook (the CSV’s columns, typed cells). png: the panel as drawn, at device scale 2.'),
    dashboard,
    panel: Id.describe('The panel to export.'),
    view,
  }),
  z.strictObject({
    format: z.literal('pdf').describe('The whole dashboard as drawn, A4 landscape; no `panel`.'),
    dashboard,
    view,
  }),
]);

export type ExportRequest = z.output<typeof ExportRequestSchema>;
export type ExportFormat = ExportRequest['format'];

export const EXPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
} as const;

/** A file name that says what and when: cluster-overview-brokers-2026-11-25T1405.csv (the dashboard's alone for a PDF). */
export function exportFileName(dashboard: string, panel: string | undefined, at: number, ext: keyof typeof EXPORT_CONTENT_TYPES): string {
  const stamp = new Date(at).toISOString().slice(0, 16).replace(':', '');
  return `${dashboard}${panel === undefined ? '' : `-${panel.replaceAll('_', '-')}`}-${stamp}.${ext}`;
}
