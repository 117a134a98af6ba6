/**
 * Annotations on time series (issue 18): notes a tenant's editors add at a moment or over a range
 * of a datasource, and the tenant's alerts shown beside them. Shared by the routes, the OpenAPI
 * document and the UI.
 */
import { z } from 'zod';
import { IsoInstant, LIMITS, NameSchema, TimeZoneSchema } from '@/lib/view/schema';
import { DashboardId, plainText } from './workspace';

/** More than any team writes; keeps one tenant from filling the database. */
export const MAX_ANNOTATIONS_PER_TENANT = 10_000;
/** A range longer than a month is not a moment to remember but a period: a dashboard's range is for that. */
export const MAX_ANNOTATION_SPAN_DAYS = 31;
/** The most one GET answers with (notes and alerts each): a chart cannot show more anyway. */
export const MAX_ANNOTATIONS_LISTED = 500;
const DAY_MS = 86_400_000;

export const AnnotationsQuerySchema = z
  .strictObject({
    dashboard: DashboardId,
    from: IsoInstant.describe('Start of the interval shown (ISO 8601 with offset).'),
    to: IsoInstant.describe('End of the interval shown, after from.'),
    tz: TimeZoneSchema.default('UTC').describe('Zone of the links’ dashboard views.'),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= LIMITS.maxSpanDays * DAY_MS, { message: `the interval may span at most ${LIMITS.maxSpanDays} days`, path: ['to'] });

export const AnnotationRequestSchema = z
  .strictObject({
    datasource: NameSchema.describe('The datasource it concerns (a dashboard’s `datasource`): it shows on every time series over it.'),
    start: IsoInstant.describe('The moment, or the start of the range.'),
    end: IsoInstant.optional().describe(`The end of the range, after start and at most ${MAX_ANNOTATION_SPAN_DAYS} days later; leave it out for a moment.`),
    text: plainText(500, 'write a note'),
    dimension: NameSchema.optional().describe('With value: only where a view does not filter this value out. One of the datasource’s dimensions.'),
    value: plainText(200, 'give a value').optional().describe('The dimension’s value (with dimension).'),
  })
  .refine((a) => a.end === undefined || Date.parse(a.end) > Date.parse(a.start), { message: 'end must be after start', path: ['end'] })
  .refine((a) => a.end === undefined || Date.parse(a.end) - Date.parse(a.start) <= MAX_ANNOTATION_SPAN_DAYS * DAY_MS, {
    message: `a range may span at most ${MAX_ANNOTATION_SPAN_DAYS} days`,
    path: ['end'],
  })
  .refine((a) => (a.dimension === undefined) === (a.value === undefined), { message: 'give a dimension and its value, or neither', path: ['value'] });

const Common = {
  start: z.iso.datetime(),
  end: z.iso.datetime().nullable().describe('Null for a moment.'),
  text: z.string(),
  href: z.string().describe('The dashboard around this moment, compared with the week before.'),
};

export const NoteSchema = z.object({
  kind: z.literal('note'),
  id: z.uuid(),
  datasource: z.string(),
  ...Common,
  dimension: z.string().nullable(),
  value: z.string().nullable(),
  author: z.string().nullable().describe('The email of who added it; null once their account is gone.'),
  canDelete: z.boolean().describe('Whether you may delete it (its author, or an admin of the tenant).'),
  createdAt: z.iso.datetime(),
});

/** What POST answers: the note as stored (its links depend on the dashboard it is seen on: GET gives them). */
export const NoteCreatedSchema = NoteSchema.omit({ href: true });

export const AlertNoteSchema = z.object({
  kind: z.literal('alert'),
  id: z.string().describe('Stable for the alert (rule and time), for lists; not an annotation id.'),
  ...Common,
  rule: z.string(),
  severity: z.string(),
  value: z.number().nullable(),
});

export const AnnotationsSchema = z.object({
  annotations: z
    .array(z.discriminatedUnion('kind', [NoteSchema, AlertNoteSchema]))
    .describe(`Notes and alerts touching the interval, by start time; at most ${MAX_ANNOTATIONS_LISTED} of each. Alerts are read-only.`),
});

export type AnnotationRequest = z.output<typeof AnnotationRequestSchema>;
export type Note = z.output<typeof NoteSchema>;
export type AlertNote = z.output<typeof AlertNoteSchema>;
export type Annotation = Note | AlertNote;
