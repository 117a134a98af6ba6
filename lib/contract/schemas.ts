/**
 * The public API contract: request bodies and parameters are parsed with these, responses are
 * typed by them, and lib/api/openapi.ts generates the OpenAPI document from them.
 */
import { z } from 'zod';
import { PublicMeasureSchema } from '@/lib/dashboards/measure';
import { MeasureKindSchema } from '@/lib/dashboards/measure-kind';
import { DashboardSchema } from '@/lib/dashboards/schema';
import { ERROR_STATUS } from '@/lib/errors/app-error';
import { NameSchema, ViewSchema } from '@/lib/view/schema';

const Id = z.string().min(1).max(64);

export const SessionRequestSchema = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(200),
});

/** A user's role in their tenant (each role can do what the ones before it can). */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
/** Editors and admins change the tenant's shared state (its dashboards, shared views). */
export const canEdit = (role: Role) => role === 'editor' || role === 'admin';

export const UserSchema = z.object({ email: z.string(), tenant: z.string(), tenantName: z.string(), role: RoleSchema });
export const SessionResponseSchema = z.object({ user: UserSchema });
export const SignedOutSchema = z.object({ ok: z.literal(true) });

export const QueryRequestSchema = z.strictObject({
  dashboard: Id.describe('Dashboard id, as listed by GET /api/dashboards.'),
  panel: Id.describe("Panel id within the dashboard (its `panels[].id`)."),
  view: ViewSchema,
  expected: z
    .boolean()
    .optional()
    .describe('A time series without split: answer its expected range too (`expected`); default as the panel is configured. true on a split series is 400.'),
});

export const ValuesRequestSchema = z.strictObject({
  dashboard: Id.describe('Dashboard id, as listed by GET /api/dashboards.'),
  dim: NameSchema.describe('One of the dashboard’s dimensions.'),
  search: z.string().max(200).default('').describe('Only values containing this text (case-insensitive); empty for all.'),
  view: ViewSchema,
});

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const ColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['time', 'string', 'number', 'ordinal']).describe('ordinal: a whole number naming a position in a cycle (a heatmap’s dow 1–7, Monday first, and hour 0–23).'),
});
export const IntervalIso = z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).describe('Half-open interval [start, end), UTC.');

export const QueryResponseSchema = z.object({
  columns: z.array(ColumnSchema),
  rows: z
    .array(z.array(Cell))
    .describe(
      'Time series: every bucket of the interval up to the data’s end (meta.dataUntil) for each series that has any row, ' +
        'an empty bucket as 0 for counters and distinct counts; gauges and ratios have no row for a bucket without samples. ' +
        'Nothing matched: no rows.',
    ),
  compare: z
    .object({ columns: z.array(ColumnSchema), rows: z.array(z.array(Cell)), interval: IntervalIso })
    .nullable()
    .describe('The compared period’s rows, or null when the view compares nothing.'),
  trend: z
    .object({ columns: z.array(ColumnSchema), rows: z.array(z.array(Cell)) })
    .optional()
    .describe('Sparkline panels only: the measure per bucket of the interval (rows [t, value], empty buckets as in `rows` of a time series).'),
  expected: z
    .object({
      columns: z.array(ColumnSchema),
      rows: z.array(z.array(Cell)).describe('[t, low, median, high] per bucket that has at least three of the four weeks before.'),
      outside: z.array(z.array(Cell)).describe('[t, value] of closed buckets outside their band: the unusual points.'),
    })
    .optional()
    .describe(
      'Time series with the expected range on: per bucket, the median of the same bucket (same weekday and wall-clock hour) over the four weeks before, ' +
        '± 3 × 1.4826 × their median absolute deviation (at least ±10 % of the median; a count’s at least ±3·√median and never below 0). ' +
        'Rows are empty when no bucket has enough history.',
    ),
  meta: z.object({
    engine: z.enum(['embedded', 'druid']),
    cache: z.enum(['hit', 'miss', 'stale']).describe('stale: served while a newer answer is computed; ageMs says how old.'),
    ageMs: z.number(),
    queryMs: z.number(),
    interval: IntervalIso,
    grain: z.string(),
    dataUntil: z.iso.datetime().nullable(),
    tier: z
      .enum(['hour', 'day'])
      .nullable()
      .optional()
      .describe('The coarsest rollup tier the panel’s query reads (its open edges come from finer data); null: the ingest grain only.'),
  }),
});

export const ValuesResponseSchema = z.object({
  values: z.array(z.object({ value: z.string().nullable(), count: z.number() })),
});

export const DashboardSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  custom: z.boolean().describe('Built by the tenant (changed with PUT and DELETE /api/dashboards/{id}); false: configured by the provider.'),
});
export const DashboardListSchema = z.object({ dashboards: z.array(DashboardSummarySchema) });

/** A dashboard as the browser sees it: its declaration with measures' labels and formats, not their aggregates. */
const PublicMeasureWithKindSchema = PublicMeasureSchema.extend({
  kind: MeasureKindSchema.describe(
    'counter (count or sum: 0 when a bucket is empty, drawn as a rate per second unless `per` is bucket), distinct (0 when empty, per bucket), ' +
      'gauge (avg, min, max, quantile: no value when a bucket has no samples) or ratio (no value without a denominator).',
  ),
});
export const PublicDashboardSchema = z.object({ ...DashboardSchema.shape, measures: z.array(PublicMeasureWithKindSchema) });
export const DashboardResponseSchema = z.object({ dashboard: PublicDashboardSchema });

export const WebhookRequestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2_000)
    .meta({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })
    .describe(
      'An http(s) URL without credentials, at a public address: loopback, private, link-local names and addresses are refused ' +
        '(400 at url) unless the server runs with PULSE_WEBHOOKS_ALLOW_PRIVATE=on.',
    ),
});
const WebhookSchema = z.object({ url: z.string(), createdAt: z.iso.datetime() });
export const WebhookStateSchema = z.object({ webhook: WebhookSchema.nullable() });
/** One alert's delivery to the tenant's webhook: never its body, never an error's own words. */
const DeliverySchema = z.object({
  id: z.string().describe('The delivery id, sent as x-pulse-delivery on every attempt: receivers deduplicate by it.'),
  destination: z.string().nullable().describe('The alert destination it goes to (GET /api/destinations); null: the webhook.'),
  state: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.int(),
  createdAt: z.iso.datetime().optional(),
  lastAttemptAt: z.iso.datetime().optional(),
  nextAttemptAt: z.iso.datetime().optional(),
  lastStatus: z.int().optional().describe("The receiver's last HTTP status, when it answered."),
  lastReason: z.string().optional().describe('A generic reason for the last failure (blocked_address, dns_failure, connect_failed, timeout, http_status, too_large, smtp_rejected, no_destination, not_configured, …).'),
});
export const DeliveriesQuerySchema = z.strictObject({
  destination: z
    .string()
    .regex(/^(webhook|[A-Za-z0-9_-]{16})$/, 'a destination id, or webhook')
    .optional()
    .describe('Only the deliveries to this destination (its id; `webhook`: the webhook); all when left out. An id that names none of the tenant’s destinations lists nothing.'),
});
export const WebhookDeliveriesSchema = z.object({ deliveries: z.array(DeliverySchema) });
export const WebhookRegisteredSchema = z.object({ webhook: WebhookSchema, secret: z.string().describe('The signing secret: shown in this answer only.') });
export const WebhookRemovedSchema = z.object({ removed: z.boolean() });

export const HealthSchema = z.object({ status: z.literal('ok'), uptimeSeconds: z.number() });

export const ReadySchema = z.object({
  status: z.literal('ready'),
  engine: z.enum(['embedded', 'druid']),
  checkedAt: z.iso.datetime().describe('When the engine last answered the check; it is reused for 5 seconds.'),
  datasources: z.record(z.string(), z.object({ dataUntil: z.iso.datetime().nullable(), lagSeconds: z.number().nullable() })),
});

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]];

export const ErrorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().describe('For people; never internals.'),
    path: z.string().optional().describe('The offending input, dot-separated (e.g. view.range.end).'),
    requestId: z.string().describe('Also sent as the x-request-id header; quote it when reporting a problem.'),
  }),
});

export type QueryRequest = z.infer<typeof QueryRequestSchema>;
export type QueryResponse = z.infer<typeof QueryResponseSchema>;
export type ValuesRequest = z.infer<typeof ValuesRequestSchema>;
export type ValuesResponse = z.infer<typeof ValuesResponseSchema>;
export type Column = z.infer<typeof ColumnSchema>;
