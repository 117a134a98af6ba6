/**
 * The alert inbox's contract (issue 18): the alerts of the last day with their state, and the
 * acknowledge and resolve requests. Shared by the routes, the OpenAPI document and the UI.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '@/lib/view/schema';

export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export const AlertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AlertsQuerySchema = z.strictObject({
  tz: TimeZoneSchema.default('UTC').describe('Zone of the links’ dashboard views.'),
  state: AlertStateSchema.optional().describe('Only the alerts in this state; every alert when left out.'),
});

export const AlertThresholdSchema = z.object({
  measured: z.number().nullable().describe('What the rule compared: the alert’s value, or for under_replicated how long the partitions stayed under-replicated, in minutes.'),
  value: z.number().nullable().describe('The threshold the rule compared it with when it fired (it can include a baseline), as the alert job wrote it.'),
  comparison: z.enum(['>=', '>']),
  unit: z.string(),
  parameter: z.string().nullable().describe('The rule parameter that sets the threshold.'),
  inForce: z.number().nullable().describe('That parameter’s value in force for the tenant now: the tenant’s override (admin thresholds), else the default config/alert-rules.json sets for the tenant or for every tenant.'),
  source: z.enum(['default', 'override']).nullable(),
});

export const AlertSchema = z.object({
  id: z.string().describe('Stable and opaque: derived from the rule, the start and the message of the incident’s first firing window.'),
  at: z.iso.datetime().describe('When the rule last fired (the end of the incident’s last window).'),
  rule: z.string(),
  severity: z.string(),
  message: z.string(),
  value: z.number().nullable(),
  href: z.string().describe('Dashboard link pinned to the alert’s window.'),
  start: z.iso.datetime().describe('The start of the first firing window.'),
  durationMs: z.number().int().min(0).describe('From the first window’s start to the last window’s end.'),
  windows: z.number().int().min(1).describe('Consecutive firing windows grouped into this alert.'),
  threshold: AlertThresholdSchema,
  state: AlertStateSchema,
  resolvedAutomatically: z.boolean().describe('Resolved because the rule stayed quiet for a full window after its last firing window.'),
  note: z.string().nullable().describe('The note of the last acknowledgement or resolution.'),
  by: z.string().nullable().describe('Who acknowledged or resolved it (email).'),
  byName: z.string().nullable(),
  changedAt: z.iso.datetime().nullable().describe('When it was acknowledged or resolved by someone.'),
});

export const AlertsResponseSchema = z.object({
  alerts: z.array(AlertSchema),
  open: z.number().int().min(0).describe('How many of the last day’s alerts are open (whatever `state` asked for).'),
});

export const AlertNoteSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .max(500)
    // Spelled as ranges (C0, DEL, C1) as in lib/contract/workspace.ts: the fuzzer cannot build values for \p{…}.
    // eslint-disable-next-line no-control-regex -- the point is to refuse control characters (newlines and tabs are fine)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/, 'no control characters')
    .optional()
    .describe('Why, for the tenant’s team (at most 500 characters).'),
});

export type Alert = z.infer<typeof AlertSchema>;
export type AlertsResponse = z.infer<typeof AlertsResponseSchema>;
export type AlertNote = z.infer<typeof AlertNoteSchema>;
