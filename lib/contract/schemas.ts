/** The public API contract: request bodies are parsed with these; responses are typed by them. */
import { z } from 'zod';
import { NameSchema, ViewSchema } from '@/lib/view/schema';
import { ERROR_STATUS } from '@/lib/errors/app-error';

const Id = z.string().min(1).max(64);

export const SessionRequestSchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

export const QueryRequestSchema = z.strictObject({ dashboard: Id, panel: Id, view: ViewSchema });

export const ValuesRequestSchema = z.strictObject({
  dashboard: Id,
  dim: NameSchema,
  search: z.string().max(200).default(''),
  view: ViewSchema,
});

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ColumnSchema = z.object({ name: z.string(), type: z.enum(['time', 'string', 'number']) });
const IntervalIso = z.object({ start: z.string(), end: z.string() });

export const QueryResponseSchema = z.object({
  columns: z.array(ColumnSchema),
  rows: z.array(z.array(Cell)),
  compare: z.object({ columns: z.array(ColumnSchema), rows: z.array(z.array(Cell)), interval: IntervalIso }).nullable(),
  meta: z.object({
    engine: z.enum(['embedded', 'druid']),
    cache: z.enum(['hit', 'miss', 'stale']),
    ageMs: z.number(),
    queryMs: z.number(),
    interval: IntervalIso,
    grain: z.string(),
    dataUntil: z.string().nullable(),
  }),
});

export const ValuesResponseSchema = z.object({
  values: z.array(z.object({ value: z.string().nullable(), count: z.number() })),
});

export const DashboardSummarySchema = z.object({ id: z.string(), title: z.string(), description: z.string() });

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    message: z.string(),
    path: z.string().optional(),
  }),
});

export type QueryRequest = z.infer<typeof QueryRequestSchema>;
export type QueryResponse = z.infer<typeof QueryResponseSchema>;
export type ValuesRequest = z.infer<typeof ValuesRequestSchema>;
export type ValuesResponse = z.infer<typeof ValuesResponseSchema>;
export type Column = z.infer<typeof ColumnSchema>;
