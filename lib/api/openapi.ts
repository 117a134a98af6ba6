/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with
 * (lib/api/schemas.ts, lib/view/schema.ts): components come from z.toJSONSchema, so the document
 * and the validation cannot drift apart. The rules JSON Schema cannot state (end after start,
 * spans, buckets, dashboard-specific names) are stated in the descriptions.
 */
import { z } from 'zod';
import * as S from '@/lib/contract/schemas';
import { listDashboards } from '@/lib/dashboards/registry';
import { ERROR_STATUS, RETRY_AFTER_S, type ErrorCode } from '@/lib/errors/app-error';
import { MAX_BUCKETS } from '@/lib/query/plan';
import { AbsoluteRangeSchema, FilterSchema, LIMITS, RangeSchema, RelativeRangeSchema, TimeZoneSchema, ViewSchema } from '@/lib/view/schema';
import { acceptedZoneNames } from '@/lib/view/zones';
import { MAX_BODY_BYTES } from './handler';

type Io = 'input' | 'output';

/** Named components: requests as accepted (defaults optional), responses as sent. */
const COMPONENTS: [id: string, schema: z.ZodType, io: Io][] = [
  ['SessionRequest', S.SessionRequestSchema, 'input'],
  ['QueryRequest', S.QueryRequestSchema, 'input'],
  ['ValuesRequest', S.ValuesRequestSchema, 'input'],
  ['WebhookRequest', S.WebhookRequestSchema, 'input'],
  ['View', ViewSchema, 'input'],
  ['Range', RangeSchema, 'input'],
  ['RelativeRange', RelativeRangeSchema, 'input'],
  ['AbsoluteRange', AbsoluteRangeSchema, 'input'],
  ['Filter', FilterSchema, 'input'],
  ['TimeZone', TimeZoneSchema, 'input'],
  ['SessionResponse', S.SessionResponseSchema, 'output'],
  ['SignedOut', S.SignedOutSchema, 'output'],
  ['DashboardList', S.DashboardListSchema, 'output'],
  ['DashboardResponse', S.DashboardResponseSchema, 'output'],
  ['QueryResponse', S.QueryResponseSchema, 'output'],
  ['ValuesResponse', S.ValuesResponseSchema, 'output'],
  ['AlertsResponse', S.AlertsResponseSchema, 'output'],
  ['WebhookState', S.WebhookStateSchema, 'output'],
  ['WebhookDeliveries', S.WebhookDeliveriesSchema, 'output'],
  ['WebhookRegistered', S.WebhookRegisteredSchema, 'output'],
  ['WebhookRemoved', S.WebhookRemovedSchema, 'output'],
  ['Health', S.HealthSchema, 'output'],
  ['Error', S.ErrorResponseSchema, 'output'],
];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas(): Record<string, object> {
  const out: Record<string, object> = {};
  for (const io of ['input', 'output'] as const) {
    const registry = z.registry<{ id: string }>();
    for (const [id, schema, side] of COMPONENTS) if (side === io) registry.add(schema, { id });
    const { schemas } = z.toJSONSchema(registry, {
      io,
      uri: (id) => ref(id).$ref,
      unrepresentable: 'any',
      override: (ctx) => {
        // The zones this server knows, listed; tz-database aliases (Asia/Calcutta) are accepted too.
        if (ctx.zodSchema === TimeZoneSchema) ctx.jsonSchema.enum = acceptedZoneNames();
        // The two range shapes are strict objects with disjoint required keys: exactly one matches.
        if (ctx.zodSchema === RangeSchema) {
          ctx.jsonSchema.oneOf = ctx.jsonSchema.anyOf;
          delete ctx.jsonSchema.anyOf;
        }
      },
    });
    for (const [id, { $schema: _s, $id: _i, ...schema }] of Object.entries(schemas)) out[id] = schema;
  }
  return out;
}

const json = (schema: object) => ({ 'application/json': { schema } });
const REQUEST_ID = { $ref: '#/components/headers/RequestId' };

function ok(description: string, schemaId: string, headers: Record<string, object> = {}) {
  return { '200': { description, headers: { 'x-request-id': REQUEST_ID, ...headers }, content: json(ref(schemaId)) } };
}

/** Error answers by status, each the Error body; Retry-After is promised where the code sends it. */
function errors(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  return Object.fromEntries(
    [...byStatus].map(([status, cs]) => [
      String(status),
      {
        description: cs.join(', '),
        headers: { 'x-request-id': REQUEST_ID, ...(cs.some((c) => RETRY_AFTER_S[c]) ? { 'retry-after': { $ref: '#/components/headers/RetryAfter' } } : {}) },
        content: json(ref('Error')),
      },
    ]),
  );
}

const BAD_BODY = ['invalid_input', 'unsupported_media_type', 'payload_too_large'] as const;
const ENGINE = ['rate_limited', 'engine_unavailable', 'engine_timeout'] as const;
const SESSION = [{ session: [] }];
const PUBLIC: never[] = [];
const body = (schemaId: string, example?: object) => ({
  required: true,
  description: `JSON (Content-Type application/json, else 415), at most ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes (else 413).`,
  content: { 'application/json': { schema: ref(schemaId), ...(example ? { example } : {}) } },
});

const VIEW_RULES =
  `The view's rules beyond its schema: an absolute range ends after it starts and spans at most ${LIMITS.maxSpanDays} days and at most the ` +
  `dashboard's maxSpanDays (400 invalid_input at view.range or view.range.end); the range holds at most ${MAX_BUCKETS.toLocaleString('en-US')} ` +
  'buckets of the grain and the grain is not finer than the dashboard’s finestGrain (400 at view.grain; auto never is); filter, split and sort names are dimensions or measures of the dashboard (400 at their path); ' +
  'an unknown dashboard or panel is 404. Relative ranges end at the tenant’s newest complete data.';

function paths() {
  return {
    '/api/session': {
      post: {
        operationId: 'signIn',
        summary: 'Sign in; sets the httpOnly session cookie',
        security: PUBLIC,
        requestBody: body('SessionRequest', { email: 'user@example.com', password: 'correct horse battery staple' }),
        responses: {
          ...ok('Signed in. The session cookie is set (HttpOnly, SameSite=Lax; Secure over https).', 'SessionResponse', {
            'set-cookie': { description: 'pb_session=<token>; Path=/; HttpOnly; SameSite=Lax (__Host-pb_session; Secure when the public URL is https)', schema: { type: 'string' } },
          }),
          // 429 with Retry-After: too many failed sign-ins for the account or the client address (doubling waits).
          ...errors(...BAD_BODY, 'unauthenticated', 'rate_limited'),
        },
      },
      get: { operationId: 'getSession', summary: 'The signed-in user', security: SESSION, responses: { ...ok('User', 'SessionResponse'), ...errors('unauthenticated') } },
      delete: {
        operationId: 'signOut',
        summary: 'Sign out: revokes the session on every instance and clears the cookie (with or without a session); 503 when the revocation could not be shared',
        security: PUBLIC,
        responses: { ...ok('Signed out', 'SignedOut'), ...errors('engine_unavailable') },
      },
    },
    '/api/dashboards': {
      get: { operationId: 'listDashboards', summary: "The tenant's dashboards", security: SESSION, responses: { ...ok('Dashboards', 'DashboardList'), ...errors('unauthenticated') } },
    },
    '/api/dashboards/{id}': {
      get: {
        operationId: 'getDashboard',
        summary: 'One dashboard: dimensions, measures, panels, limits and default view',
        security: SESSION,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, example: listDashboards()[0]?.id }],
        responses: { ...ok('Dashboard', 'DashboardResponse'), ...errors('unauthenticated', 'not_found') },
      },
    },
    '/api/query': {
      post: {
        operationId: 'queryPanel',
        summary: "One panel's answer for a view, with the compare period when asked",
        description:
          `${VIEW_RULES} Answers carry a weak ETag; send it back as If-None-Match and an unchanged answer is 304 without a body. ` +
          'Engine capacity is shared fairly between tenants: beyond it the answer is 429 with Retry-After.',
        security: SESSION,
        parameters: [{ name: 'if-none-match', in: 'header', required: false, description: 'The ETag of an answer this client holds.', schema: { type: 'string' } }],
        requestBody: body('QueryRequest'),
        responses: {
          ...ok('Answer', 'QueryResponse', { etag: { description: 'Weak validator of this answer', schema: { type: 'string' }, required: true } }),
          '304': { description: 'Not modified: the If-None-Match ETag is still current', headers: { 'x-request-id': REQUEST_ID, etag: { schema: { type: 'string' }, required: true } } },
          ...errors(...BAD_BODY, 'unauthenticated', 'not_found', ...ENGINE),
        },
      },
    },
    '/api/values': {
      post: {
        operationId: 'dimensionValues',
        summary: 'Top values of a dimension in the view, for typeahead',
        description: `${VIEW_RULES} dim must be one of the dashboard's dimensions (400 at dim).`,
        security: SESSION,
        requestBody: body('ValuesRequest'),
        responses: { ...ok('Values', 'ValuesResponse'), ...errors(...BAD_BODY, 'unauthenticated', 'not_found', ...ENGINE) },
      },
    },
    '/api/alerts': {
      get: {
        operationId: 'recentAlerts',
        summary: "The tenant's alerts of the last day, newest first",
        security: SESSION,
        parameters: [{ name: 'tz', in: 'query', required: false, schema: ref('TimeZone'), description: 'Zone of the links’ dashboard views (default UTC).' }],
        responses: { ...ok('Alerts', 'AlertsResponse'), ...errors('invalid_input', 'unauthenticated', 'engine_unavailable', 'engine_timeout') },
      },
    },
    '/api/webhook': {
      get: { operationId: 'getWebhook', summary: "The tenant's webhook (never its secret)", security: SESSION, responses: { ...ok('Webhook', 'WebhookState'), ...errors('unauthenticated') } },
      put: {
        operationId: 'registerWebhook',
        summary: 'Registers or replaces the webhook; the signing secret is in this answer only',
        security: SESSION,
        requestBody: body('WebhookRequest'),
        responses: { ...ok('Registered', 'WebhookRegistered'), ...errors(...BAD_BODY, 'unauthenticated') },
      },
      delete: { operationId: 'removeWebhook', summary: 'Removes the webhook', security: SESSION, responses: { ...ok('Removed', 'WebhookRemoved'), ...errors('unauthenticated') } },
    },
    '/api/webhook/deliveries': {
      get: {
        operationId: 'webhookDeliveries',
        summary: "The webhook's delivery log, newest first (up to 100): pending, delivered or dead, with generic reasons",
        security: SESSION,
        responses: { ...ok('Deliveries', 'WebhookDeliveries'), ...errors('unauthenticated') },
      },
    },
    '/api/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness: engine reachable and data freshness per datasource',
        security: PUBLIC,
        responses: { ...ok('Healthy', 'Health'), ...errors('engine_unavailable') },
      },
    },
    '/api/metrics': {
      get: {
        operationId: 'metrics',
        summary: 'Prometheus metrics',
        security: PUBLIC,
        responses: { '200': { description: 'Prometheus text format', headers: { 'x-request-id': REQUEST_ID }, content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openApiDocument',
        summary: 'This document',
        security: PUBLIC,
        responses: { '200': { description: 'OpenAPI 3.1', headers: { 'x-request-id': REQUEST_ID }, content: json({ type: 'object' }) } },
      },
    },
  };
}

export type ApiPath = keyof ReturnType<typeof paths>;

let document: ReturnType<typeof build> | undefined;

function build() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pulseboard API',
      version: '1.0.0',
      description:
        'Customer-facing real-time analytics over Kafka → Flink → Druid. Every error is JSON {error: {code, message, path?, requestId}}; ' +
        'an undeclared method is 405 with Allow; 429 and 503 carry Retry-After. Every answer carries x-request-id: the request\'s own ' +
        'x-request-id when that is a plain token (letters, digits, . _ : -, at most 128), else a generated one.',
    },
    servers: [{ url: '/', description: 'This Pulseboard instance' }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pb_session', description: 'Set by POST /api/session.' } },
      headers: {
        RequestId: { description: 'The request id: yours when x-request-id was a plain token, else generated.', schema: { type: 'string' }, required: true },
        RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 }, required: true },
      },
      schemas: componentSchemas(),
    },
    security: SESSION,
    paths: paths(),
  };
}

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument() {
  return (document ??= build());
}
