/**
 * Scheduled reports (issue 19.4): a view of a dashboard rendered daily or weekly at a local time,
 * as a PDF of the dashboard or a PNG of one panel, and sent by e-mail or to the tenant's webhook.
 * Shared by the routes, the OpenAPI document and the UI.
 */
import { z } from 'zod';
import { TimeZoneSchema, ViewSchema } from '@/lib/view/schema';
import { DashboardId, plainText } from './workspace';

/** How many schedules one person may keep in a tenant. */
export const MAX_REPORTS_PER_OWNER = 20;
/** Attempts of one run before it is failed (the first and three retries). */
export const REPORT_ATTEMPTS = 4;

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const Id = z.string().min(1).max(64);
const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)')
  .describe('Local time of day, HH:MM (24-hour), in `tz`.');

const EmailChannel = z.strictObject({
  kind: z.literal('email'),
  recipients: z
    .array(z.email().max(254).toLowerCase())
    .min(1)
    .max(20)
    .refine((r) => new Set(r).size === r.length, 'each recipient once')
    .describe('Members of your organisation who receive it (through the SMTP server the operator configures).'),
});
const WebhookChannel = z.strictObject({ kind: z.literal('webhook').describe('Your organisation’s alert webhook (set by its admins), signed like alerts; the file travels base64-encoded in the JSON body.') });
export const ReportChannelSchema = z.discriminatedUnion('kind', [EmailChannel, WebhookChannel]);
export type ReportChannel = z.infer<typeof ReportChannelSchema>;

export const ReportRequestSchema = z
  .strictObject({
    name: plainText(100, 'name it'),
    dashboard: DashboardId,
    format: z.enum(['pdf', 'png']).default('pdf').describe('pdf: the whole dashboard, A4 landscape. png: one panel (`panel`) at device scale 2.'),
    panel: Id.optional().describe('The panel of a PNG report; none for a PDF.'),
    view: ViewSchema.describe('The view to send. A relative range ends when the report is due (the last day before 08:00 for a daily report at 08:00); an absolute one is sent as it is.'),
    every: z.enum(['day', 'week']),
    weekday: z.int().min(1).max(7).optional().describe('Of a weekly report: ISO day of week, 1 Monday … 7 Sunday.'),
    at: TimeOfDay,
    tz: TimeZoneSchema.describe('The zone of `at` and `weekday` (IANA).'),
    channel: ReportChannelSchema,
  })
  .superRefine((r, ctx) => {
    if (r.format === 'png' && r.panel === undefined) ctx.addIssue({ code: 'custom', path: ['panel'], message: 'a PNG report is of one panel: name it' });
    if (r.format === 'pdf' && r.panel !== undefined) ctx.addIssue({ code: 'custom', path: ['panel'], message: 'a PDF report is of the whole dashboard: leave panel out' });
    if (r.every === 'week' && r.weekday === undefined) ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'a weekly report needs its day of week' });
    if (r.every === 'day' && r.weekday !== undefined) ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'a daily report has no day of week' });
  });
export type ReportRequest = z.output<typeof ReportRequestSchema>;

export const ReportPatchSchema = z
  .strictObject({
    name: plainText(100, 'name it').optional(),
    paused: z.boolean().optional().describe('A paused report is not sent until resumed; resuming does not send the times missed.'),
  })
  .refine((p) => p.name !== undefined || p.paused !== undefined, 'change at least one of name, paused')
  .meta({ minProperties: 1 });
export type ReportPatch = z.output<typeof ReportPatchSchema>;

export const RUN_STATES = ['pending', 'delivered', 'failed'] as const;
export const RunSchema = z.object({
  id: z.string(),
  dueAt: z.iso.datetime().describe('When it was due (or asked for, when sent now).'),
  manual: z.boolean().describe('Sent now by its owner rather than at its scheduled time.'),
  state: z.enum(RUN_STATES).describe(`pending: not sent yet (retried after a failure, up to ${REPORT_ATTEMPTS} attempts); delivered; failed: given up.`),
  attempts: z.int(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable().describe('When a pending run is next tried.'),
  lastReason: z.string().nullable().describe('Why the last attempt failed, in words.'),
});
export type ReportRun = z.infer<typeof RunSchema>;

export const ReportSchema = z.object({
  id: z.string(),
  name: z.string(),
  dashboard: z.string(),
  format: z.enum(['pdf', 'png']),
  panel: z.string().nullable(),
  view: ViewSchema,
  every: z.enum(['day', 'week']),
  weekday: z.int().nullable(),
  at: z.string(),
  tz: z.string(),
  channel: ReportChannelSchema,
  paused: z.boolean(),
  nextRunAt: z.iso.datetime().nullable().describe('When it is next sent; null while paused.'),
  lastRun: RunSchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Report = z.infer<typeof ReportSchema>;
export const ReportsSchema = z.object({ reports: z.array(ReportSchema).describe('Your scheduled reports in this organisation, oldest first.') });
export const ReportResponseSchema = z.object({ report: ReportSchema });
export const ReportDetailSchema = z.object({ report: ReportSchema, runs: z.array(RunSchema).describe('Its latest runs, newest first.') });
export const RunResponseSchema = z.object({ run: RunSchema });

/** "08:30" ⇄ minutes after midnight. */
export const minuteOfDay = (at: string): number => Number(at.slice(0, 2)) * 60 + Number(at.slice(3, 5));
export const timeOfDay = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
