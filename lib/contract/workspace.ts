/**
 * A tenant's own workspace (issue 18): saved views and the dashboards its editors build. Request
 * and response schemas shared by the routes, the OpenAPI document and the UI.
 */
import { z } from 'zod';
import { ViewSchema } from '@/lib/view/schema';

export const DashboardId = z.string().min(1).max(64).describe('Dashboard id, as listed by GET /api/dashboards.');
/** A person's words (a name, a note): trimmed, not blank, at most `max` characters, no control characters. */
export const plainText = (max: number, blank: string) =>
  z
    .string()
    .trim()
    .min(1, blank)
    .max(max)
    .regex(/\S/, blank)
    // Spelled as ranges (C0, DEL, C1), not \p{Cc}: the contract check's fuzzer cannot build values for \p{…}.
    // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'no control characters');
const ViewName = plainText(100, 'name it');

export const SavedViewsQuerySchema = z.strictObject({ dashboard: DashboardId });

export const SavedViewRequestSchema = z.strictObject({
  dashboard: DashboardId,
  name: ViewName,
  view: ViewSchema.describe('The view state, as the page URL and POST /api/query carry it; checked against the dashboard (its dimensions and limits).'),
  shared: z.boolean().default(false).describe('Shared with everyone in the tenant (editors and admins); otherwise only the owner sees it.'),
});

export const SavedViewPatchSchema = z
  .strictObject({
    name: ViewName.optional(),
    view: ViewSchema.optional(),
    shared: z.boolean().optional(),
    default: z.boolean().optional().describe('Makes this view your default for its dashboard (true) or clears it (false). Anyone who sees the view may; the other fields are the owner’s.'),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'change at least one of name, view, shared, default')
  .meta({ minProperties: 1 });

export const SavedViewSchema = z.object({
  id: z.string(),
  dashboard: z.string(),
  name: z.string(),
  view: ViewSchema,
  shared: z.boolean(),
  owner: z.string().describe('The email of who saved it.'),
  mine: z.boolean().describe('Whether you own it (and so may change it).'),
  isDefault: z.boolean().describe('Whether it is your default view of its dashboard.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export const SavedViewsSchema = z.object({ views: z.array(SavedViewSchema).describe('Yours and the shared ones, by name.') });
export const DeletedSchema = z.object({ deleted: z.literal(true) });

/** The dashboard document of config/dashboards; the server gives it its id. */
export const DashboardDocumentSchema = z
  .record(z.string(), z.unknown())
  .describe('A dashboard document as in config/dashboards (without `kind`): title, description, datasource, dimensions, measures, limits, defaultView and panels. Checked by the same schema and against the datasource; any `id` in the body is replaced by the server’s.');
export const DashboardSavedSchema = z.object({ id: z.string(), revision: z.int().describe('1 when created, one more with each change.') });

export type SavedView = z.output<typeof SavedViewSchema>;
export type SavedViewRequest = z.input<typeof SavedViewRequestSchema>;
export type SavedViewPatch = z.output<typeof SavedViewPatchSchema>;
