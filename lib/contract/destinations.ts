/**
 * Alert destinations beside the signed webhook (issue 19.5): e-mail, Slack and PagerDuty, each
 * with the severities it receives. Shared by the routes, the OpenAPI document and the UI.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '@/lib/view/schema';

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;
export const DESTINATION_KINDS = ['email', 'slack', 'pagerduty'] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

const name = z.string().trim().min(1).max(80).describe('What the admins call it.');
const severities = z
  .array(SeveritySchema)
  .min(1)
  .max(SEVERITIES.length)
  .refine((s) => new Set(s).size === s.length, 'each severity once')
  .describe('The severities of alerts this destination receives (an alert of another severity is not sent to it).');
const tz = TimeZoneSchema.default('UTC').describe('The zone in which messages state times and open the chart.');
const httpsUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .meta({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });

const EmailTarget = z.strictObject({
  kind: z.literal('email'),
  recipients: z.array(z.email().max(254)).min(1).max(20).describe('Who receives the e-mail (sent through the SMTP server the operator configures).'),
});
const SlackTarget = z.strictObject({
  kind: z.literal('slack'),
  url: httpsUrl.describe('The Slack incoming-webhook URL (https). A secret: shown masked once stored.'),
});
const PagerDutyTarget = z.strictObject({
  kind: z.literal('pagerduty'),
  routingKey: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'a PagerDuty integration (routing) key').describe('The Events API v2 integration key of a PagerDuty service. A secret: shown masked once stored.'),
});

/** A new destination: the whole target. */
export const DestinationCreateSchema = z.discriminatedUnion('kind', [
  EmailTarget.extend({ name, severities, tz }),
  SlackTarget.extend({ name, severities, tz }),
  PagerDutyTarget.extend({ name, severities, tz }),
]);
export type DestinationCreate = z.infer<typeof DestinationCreateSchema>;

/** A change: the kind stays; a secret (Slack URL, routing key) left out keeps the stored one, so the masked value never has to be sent back. */
export const DestinationUpdateSchema = z.discriminatedUnion('kind', [
  EmailTarget.extend({ name, severities, tz }),
  SlackTarget.extend({ name, severities, tz, url: SlackTarget.shape.url.optional() }),
  PagerDutyTarget.extend({ name, severities, tz, routingKey: PagerDutyTarget.shape.routingKey.optional() }),
]);
export type DestinationUpdate = z.infer<typeof DestinationUpdateSchema>;

const LastDeliverySchema = z
  .object({
    state: z.enum(['pending', 'delivered', 'dead']),
    at: z.iso.datetime().describe('Its last attempt, or when it was queued.'),
    lastStatus: z.int().optional(),
    lastReason: z.string().optional(),
  })
  .nullable()
  .describe('The newest delivery to this destination; null: none yet.');

export const DestinationSchema = z.object({
  id: z.string(),
  kind: z.enum(DESTINATION_KINDS),
  name: z.string(),
  severities: z.array(SeveritySchema),
  tz: z.string(),
  target: z.string().describe('Where it goes, secrets masked: the recipients, the Slack URL’s host and the start of its path, the last characters of the routing key.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  lastDelivery: LastDeliverySchema,
});
export type DestinationView = z.infer<typeof DestinationSchema>;
export const DestinationsSchema = z.object({ destinations: z.array(DestinationSchema) });
export const DestinationResponseSchema = z.object({ destination: DestinationSchema });
export const DestinationRemovedSchema = z.object({ removed: z.boolean() });
export const DestinationTestSchema = z.object({ deliveries: z.array(z.string()).describe('The ids of the queued test deliveries (see /api/webhook/deliveries?destination=).') });
