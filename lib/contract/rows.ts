/** POST /api/rows: the stored rows behind a panel, a point or a bar ("show the rows"). */
import { z } from 'zod';
import { LIMITS, NameSchema, ViewSchema } from '@/lib/view/schema';
import { IntervalIso } from './schemas';

/** At most this many rows are listed, whatever the paging. */
export const ROWS_CAP = 1_000;
export const ROWS_PAGE_MAX = 200;
export const ROWS_PAGE_DEFAULT = 50;

const Id = z.string().min(1).max(64);

export const RowsRequestSchema = z
  .strictObject({
    dashboard: Id.describe('Dashboard id, as listed by GET /api/dashboards.'),
    panel: Id.describe('The panel whose rows are shown; its grain is the grain of `at.t`.'),
    view: ViewSchema.describe('The view on screen: its range and filters narrow the rows.'),
    at: z
      .strictObject({
        t: z.iso.datetime({ offset: true }).optional().describe('Start of the clicked bucket (at the panel’s grain): only rows in [t, t + grain).'),
        values: z
          .record(NameSchema, z.string().max(LIMITS.valueLength))
          .optional()
          .describe('Dimension values of the clicked series, bar or table row (dimensions of the dashboard): only rows with these values.'),
      })
      .optional()
      .describe('Narrows the rows to what was clicked; without it, the rows of the whole view.'),
    page: z.number().int().min(0).default(0).describe('0-based page.'),
    pageSize: z.number().int().min(1).max(ROWS_PAGE_MAX).default(ROWS_PAGE_DEFAULT),
  })
  .refine((r) => r.page * r.pageSize < ROWS_CAP, { message: `only the first ${ROWS_CAP} rows are listed: page × pageSize must stay below ${ROWS_CAP}`, path: ['page'] });

export const RowsColumnSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['time', 'string', 'number']),
});

export const RowsResponseSchema = z.object({
  columns: z.array(RowsColumnSchema).describe('Time (epoch ms of the minute, or the finest grain the dashboard keeps), every dimension, then the stored columns of its measures.'),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).describe('This page of rows, newest first.'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe(`Rows that can be listed: all of them, or the first ${ROWS_CAP} when \`capped\`.`),
  capped: z.boolean().describe(`true: there are more than ${ROWS_CAP} rows; only the first ${ROWS_CAP} are listed.`),
  more: z.boolean().describe('A next page follows.'),
  meta: z.object({
    engine: z.enum(['embedded', 'druid']),
    cache: z.enum(['hit', 'miss', 'stale']),
    ageMs: z.number(),
    queryMs: z.number(),
    interval: IntervalIso.describe('The time the rows come from: the view’s interval, or the clicked bucket within it.'),
    grain: z.string().describe('The grain of the rows’ time.'),
    dataUntil: z.iso.datetime(),
  }),
});

export type RowsRequest = z.output<typeof RowsRequestSchema>;
export type RowsResponse = z.infer<typeof RowsResponseSchema>;
export type RowsColumn = z.infer<typeof RowsColumnSchema>;
