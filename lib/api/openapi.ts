/**
 * The OpenAPI 3.1 document, generated from the zod schemas the routes validate with
 * (lib/api/schemas.ts, lib/view/schema.ts): components come from z.toJSONSchema, so the document
 * and the validation cannot drift apart. The rules JSON Schema cannot state (end after start,
 * spans, buckets, dashboard-specific names) are stated in the descriptions.
 */
import { z } from 'zod';
import { ExplainRequestSchema, ExplainResponseSchema } from '@/lib/contract/explain';
import { EXPORT_CONTENT_TYPES, ExportRequestSchema } from '@/lib/contract/export';
import { ROWS_CAP, RowsRequestSchema, RowsResponseSchema } from '@/lib/contract/rows';
import * as S from '@/lib/contract/schemas';
import { PanelUpdateSchema } from '@/lib/contract/stream';
import { listDashboards } from '@/lib/dashboards/registry';
import { ERROR_STATUS, RETRY_AFTER_S, type ErrorCode } from '@/lib/errors/app-error';
import { MAX_BUCKETS } from '@/lib/query/plan';
import { AbsoluteRangeSchema, FilterSchema, LIMITS, RangeSchema, RelativeRangeSchema, TimeZoneSchema, ViewSchema } from '@/lib/view/schema';
import { RELATIVE_RANGES } from '@/lib/view/time';
import { acceptedZoneNames } from '@/lib/view/zones';
import { MAX_BODY_BYTES } from './handler';
import { ADMIN_COMPONENTS, adminPaths } from './openapi-admin';
import { ALERT_COMPONENTS, alertPaths } from './openapi-alerts';
import { DESTINATION_COMPONENTS, destinationPaths } from './openapi-destinations';
import { REPORT_COMPONENTS, reportPaths } from './openapi-reports';
import { WORKSPACE_COMPONENTS, workspacePaths } from './openapi-workspace';

type Io = 'input' | 'output';

/** Named components: requests as accepted (defaults optional), responses as sent. */
const COMPONENTS: [id: string, schema: z.ZodType, io: Io][] = [
  ['SessionRequest', S.SessionRequestSchema, 'input'],
  ['QueryRequest', S.QueryRequestSchema, 'input'],
  ['ValuesRequest', S.ValuesRequestSchema, 'input'],
  ['ExplainRequest', ExplainRequestSchema, 'input'],
  ['RowsRequest', RowsRequestSchema, 'input'],
  ['ExportRequest', ExportRequestSchema, 'input'],
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
  ['ExplainResponse', ExplainResponseSchema, 'output'],
  ['RowsResponse', RowsResponseSchema, 'output'],
  ['StreamUpdate', PanelUpdateSchema, 'output'],
  ['WebhookState', S.WebhookStateSchema, 'output'],
  ['WebhookDeliveries', S.WebhookDeliveriesSchema, 'output'],
  ['WebhookRegistered', S.WebhookRegisteredSchema, 'output'],
  ['WebhookRemoved', S.WebhookRemovedSchema, 'output'],
  ['Health', S.HealthSchema, 'output'],
  ['Ready', S.ReadySchema, 'output'],
  ['Error', S.ErrorResponseSchema, 'output'],
  ...ADMIN_COMPONENTS,
  ...WORKSPACE_COMPONENTS,
  ...ALERT_COMPONENTS,
  ...DESTINATION_COMPONENTS,
  ...REPORT_COMPONENTS,
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
  for (const c of new Set(codes)) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
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
/** POST, PUT, PATCH and DELETE from a browser on another site (its Origin foreign) are refused. */
const CROSS_SITE = 'forbidden';
const ENGINE = ['rate_limited', 'engine_unavailable', 'engine_timeout'] as const;
const SESSION = [{ session: [] }];
/** Reading endpoints: the session cookie, or an embed token as Authorization: Bearer. */
const READER = [{ session: [] }, { embedToken: [] }];
/** With an embed token: 403 for a dashboard the token does not name; 503 when the tenant's JWKS could not be fetched. */
const EMBED = ['forbidden', 'engine_unavailable'] as const;
/** Endpoints for signed-in users only: an embed token (Authorization) is 403 there. */
const BEARER_REFUSED = 'forbidden';
const PUBLIC: never[] = [];
const body = (schemaId: string, example?: object) => ({
  required: true,
  description: `JSON (Content-Type exactly application/json, optionally with charset=utf-8; anything else is 415), at most ${MAX_BODY_BYTES.toLocaleString('en-US')} bytes (else 413).`,
  content: { 'application/json': { schema: ref(schemaId), ...(example ? { example } : {}) } },
});

const LOCKED =
  'With an embed token the token\'s locked filters are added to the view as conditions of their own: the body cannot remove or widen them, ' +
  'and the dashboard must be one the token names (else 403).';

const VIEW_RULES =
  `The view's rules beyond its schema: an absolute range ends after it starts and spans at most ${LIMITS.maxSpanDays} days and at most the ` +
  `dashboard's maxSpanDays (400 invalid_input at view.range or view.range.end); the range holds at most ${MAX_BUCKETS.toLocaleString('en-US')} ` +
  'buckets of the grain and the grain is not finer than the dashboard’s finestGrain (400 at view.grain; auto never is); filter, split and sort names are dimensions or measures of the dashboard (400 at their path); ' +
  'an unknown dashboard or panel is 404. Relative ranges end at the tenant’s newest complete data.';

function paths() {
  const workspace = workspacePaths({ ok, errors, body, security: SESSION, badBody: [...BAD_BODY, CROSS_SITE] });
  return {
    ...adminPaths({ ok, errors, body, security: SESSION, public: PUBLIC, badBody: BAD_BODY }),
    '/api/views': workspace['/api/views'],
    '/api/views/{id}': workspace['/api/views/{id}'],
    '/api/annotations': workspace['/api/annotations'],
    '/api/annotations/{id}': workspace['/api/annotations/{id}'],
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
          ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', 'rate_limited'),
        },
      },
      get: { operationId: 'getSession', summary: 'The signed-in user', security: SESSION, responses: { ...ok('User', 'SessionResponse'), ...errors('unauthenticated', BEARER_REFUSED) } },
      delete: {
        operationId: 'signOut',
        summary: 'Sign out: revokes the session on every instance and clears the cookie (with or without a session); 503 when the revocation could not be shared',
        security: PUBLIC,
        responses: { ...ok('Signed out', 'SignedOut'), ...errors(CROSS_SITE, 'engine_unavailable') },
      },
    },
    '/api/auth/oidc/start': {
      get: {
        operationId: 'oidcStart',
        summary: 'Single sign-on (OpenID Connect, authorization code + PKCE): redirects to the provider',
        description:
          'A browser is redirected (303) to the provider with a PKCE challenge, state and nonce, remembered in a signed, HttpOnly, SameSite=Lax ' +
          'cookie for ten minutes. When it fails, a browser (Accept: text/html) is redirected to /login?error=oidc.<reason>; other clients get the error below.',
        security: PUBLIC,
        parameters: [{ name: 'next', in: 'query', required: false, description: 'Where to go once signed in: a path on this site (anything else means /).', schema: { type: 'string', maxLength: 512 } }],
        responses: {
          '303': {
            description: 'To the provider’s authorization endpoint',
            headers: { 'x-request-id': REQUEST_ID, location: { schema: { type: 'string' }, required: true }, 'set-cookie': { description: 'pb_oidc=<signed flow>; Path=/; HttpOnly; SameSite=Lax; Max-Age=600', schema: { type: 'string' } } },
          },
          // 404: single sign-on is not configured; 429: too many failed sign-ins from this address; 503: the provider cannot be reached.
          ...errors('unauthenticated', 'not_found', 'rate_limited', 'headers_too_large', 'engine_unavailable'),
        },
      },
    },
    '/api/auth/oidc/callback': {
      get: {
        operationId: 'oidcCallback',
        summary: 'The provider’s redirect back: checks state, exchanges the code, validates the ID token and starts the session',
        description:
          'Needs the flow cookie set by oidcStart in the same browser (else 401). The tenant and role come from the ID token’s configured claims ' +
          '(403 without a tenant, or without a role among viewer, editor, admin). On success a 303 to the page the sign-in started from, with the ' +
          'session cookie. A browser is redirected to /login?error=oidc.<reason> on any failure; other clients get the error below.',
        security: PUBLIC,
        // RFC 6749 §A: these values are printable ASCII. The lengths keep any request within the
        // front's 16 KiB header limit (past it, 431 before any route is reached).
        parameters: Object.entries({ code: 2048, state: 256, iss: 256, error: 64, error_description: 512 }).map(([name, maxLength]) => ({
          name,
          in: 'query',
          required: false,
          schema: { type: 'string', maxLength, pattern: '^[\\x20-\\x7E]*$' },
        })),
        responses: {
          '303': {
            description: 'Signed in: to the page the sign-in started from (the session cookie is set)',
            headers: { 'x-request-id': REQUEST_ID, location: { schema: { type: 'string' }, required: true }, 'set-cookie': { description: 'The session cookie, as POST /api/session sets it, and the flow cookie’s removal', schema: { type: 'string' } } },
          },
          ...errors('unauthenticated', 'forbidden', 'not_found', 'rate_limited', 'headers_too_large', 'engine_unavailable'),
        },
      },
    },
    '/api/dashboards': {
      get: {
        operationId: 'listDashboards',
        summary: "The tenant's dashboards (with an embed token: those it names)",
        security: READER,
        responses: { ...ok('Dashboards', 'DashboardList'), ...errors('unauthenticated', 'engine_unavailable') },
      },
      ...workspace['/api/dashboards'],
    },
    '/api/dashboards/{id}': {
      get: {
        operationId: 'getDashboard',
        summary: 'One dashboard: dimensions, measures, panels, limits and default view',
        security: READER,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 }, example: listDashboards()[0]?.id }],
        responses: {
          ...ok('Dashboard', 'DashboardResponse', { etag: { description: 'For a dashboard the tenant built: its revision, for If-Match on PUT', schema: { type: 'string' }, required: false } }),
          ...errors('unauthenticated', ...EMBED, 'not_found'),
        },
      },
      ...workspace['/api/dashboards/{id}'],
    },
    '/api/query': {
      post: {
        operationId: 'queryPanel',
        summary: "One panel's answer for a view, with the compare period when asked",
        description:
          `${VIEW_RULES} Answers carry a weak ETag; send it back as If-None-Match and an unchanged answer is 304 without a body. ` +
          'Engine capacity is shared fairly between tenants: beyond it the answer is 429 with Retry-After. ' +
          `${LOCKED}`,
        security: READER,
        parameters: [{ name: 'if-none-match', in: 'header', required: false, description: 'The ETag of an answer this client holds.', schema: { type: 'string' } }],
        requestBody: body('QueryRequest'),
        responses: {
          ...ok('Answer', 'QueryResponse', { etag: { description: 'Weak validator of this answer', schema: { type: 'string' }, required: true } }),
          '304': { description: 'Not modified: the If-None-Match ETag is still current', headers: { 'x-request-id': REQUEST_ID, etag: { schema: { type: 'string' }, required: true } } },
          ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', ...EMBED, 'not_found', ...ENGINE),
        },
      },
    },
    '/api/values': {
      post: {
        operationId: 'dimensionValues',
        summary: 'Top values of a dimension in the view, for typeahead',
        description: `${VIEW_RULES} dim must be one of the dashboard's dimensions (400 at dim). ${LOCKED}`,
        security: READER,
        requestBody: body('ValuesRequest'),
        responses: { ...ok('Values', 'ValuesResponse'), ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', ...EMBED, 'not_found', ...ENGINE) },
      },
    },
    '/api/explain': {
      post: {
        operationId: 'explainChange',
        summary: "What changed: a panel's measure now against the compared period, each dimension's values ranked by their part in the change",
        description:
          `${VIEW_RULES} The measure is a count, a sum or a ratio of them (others are 400 at measure). ` +
          'The periods are a KPI tile’s: the view’s interval and its compare period (the previous period when the view compares nothing), ' +
          'the compared stretch as long as the part of the interval that has data. A dimension’s contributions add up to the change. ' +
          `${LOCKED}`,
        security: READER,
        requestBody: body('ExplainRequest'),
        responses: { ...ok('The change and its contributions', 'ExplainResponse'), ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', ...EMBED, 'not_found', ...ENGINE) },
      },
    },
    '/api/rows': {
      post: {
        operationId: 'showRows',
        summary: 'The stored rows behind a panel, a point or a bar: newest first, paged, the first 1,000',
        description:
          `${VIEW_RULES} The rows are the datasource's at the dashboard's finest grain: the time, every dimension of the dashboard, ` +
          'the events counted and the stored columns its measures read (quantile sketches excepted). `at.t` (a bucket start at the panel’s grain, within the view) ' +
          'narrows them to that bucket (400 at at.t otherwise), `at.values` to dimension values (400 at at.values.<dim> for a name that is not a dimension). ' +
          `Only the first ${ROWS_CAP} rows are listed: page × pageSize must stay below ${ROWS_CAP} (400 at page). ${LOCKED}`,
        security: READER,
        requestBody: body('RowsRequest'),
        responses: { ...ok('A page of rows', 'RowsResponse'), ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', ...EMBED, 'not_found', ...ENGINE) },
      },
    },
    '/api/export': {
      post: {
        operationId: 'exportFile',
        summary: 'A panel as an Excel workbook (xlsx) or a picture (png), or the whole dashboard as a PDF',
        description:
          `${VIEW_RULES} xlsx: the panel's answer (as POST /api/query gives it) with the CSV's columns, numbers as numbers, times as dates in the view's zone, ` +
          'and an "About" sheet naming the dashboard, panel, range, zone and filters. png (a panel, device scale 2) and pdf (the dashboard, A4 landscape, ' +
          'its title, range, zone and "data until" on top) are the page as drawn, rendered on the server in Chromium with exactly the requester’s view of the data. ' +
          'xlsx and png need `panel`; pdf refuses it (400 at panel). Renders run a few at a time; beyond a short queue 429. ' +
          `Without the server's browser, png and pdf are 503 renderer_unavailable. ${LOCKED}`,
        security: READER,
        requestBody: body('ExportRequest'),
        responses: {
          '200': {
            description: 'The file, as an attachment named like dashboard-panel-2026-11-25T1405.xlsx',
            headers: { 'x-request-id': REQUEST_ID, 'content-disposition': { schema: { type: 'string' } } },
            content: Object.fromEntries((['xlsx', 'png', 'pdf'] as const).map((f) => [EXPORT_CONTENT_TYPES[f], { schema: { type: 'string', contentMediaType: EXPORT_CONTENT_TYPES[f] } }])),
          },
          ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', ...EMBED, 'not_found', ...ENGINE, 'renderer_unavailable'),
        },
      },
    },
    '/api/stream': {
      get: {
        operationId: 'streamDashboard',
        summary: "A dashboard's answers to a view, pushed as they change (Server-Sent Events)",
        description:
          'The query string is `dashboard=<id>` and the view as the page URL writes it (v, r or from and to, tz, g, cmp, split, n, sort, and `<op>.<dim>=<value>` per filter value); ' +
          `a parameter the view cannot take is 400 at its name. ${VIEW_RULES} ` +
          'Each `update` event (JSON in `data`) lists StreamUpdate objects: what changed in a panel’s answer since the previous event, the rows as a splice ' +
          '(next = previous rows from `drop`, `keep` of them, then `add`). The first event gives every panel from nothing; a reconnect sending `Last-Event-ID` ' +
          'gets only the events it missed when they are still held, else every panel again. Comments every 15 s keep the connection open; the server ends a stream after 5 minutes and ' +
          'the browser reconnects (a revoked session stops receiving by then). One computation per view and tenant, however many watch it. ' +
          `Open streams count against the tenant’s quota: beyond it, 429 (then poll POST /api/query). ${LOCKED}`,
        security: READER,
        parameters: [
          { name: 'dashboard', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 64 } },
          { name: 'r', in: 'query', required: false, schema: { type: 'string', enum: [...RELATIVE_RANGES] }, description: 'A relative range (default P1D); or from and to.' },
          { name: 'tz', in: 'query', required: false, schema: ref('TimeZone'), description: 'The view’s zone (default UTC).' },
          { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', maxLength: 64 }, description: 'The id of the last event received, to resume after a reconnect.' },
        ],
        responses: {
          '200': {
            description: 'An event stream: `update` events whose data is `{"updates": [StreamUpdate, …]}`, with ids to resume from.',
            headers: { 'x-request-id': REQUEST_ID },
            content: { 'text/event-stream': { schema: { type: 'string' }, 'x-event-data': ref('StreamUpdate') } },
          },
          ...errors('invalid_input', 'unauthenticated', ...EMBED, 'not_found', ...ENGINE),
        },
      },
    },
    ...alertPaths({ ok, errors, body, ref, security: SESSION, badBody: [...BAD_BODY, CROSS_SITE], engine: ENGINE }),
    ...destinationPaths({ ok, errors, body, security: SESSION, badBody: [...BAD_BODY, CROSS_SITE] }),
    ...reportPaths({ ok, errors, body, security: SESSION, badBody: [...BAD_BODY, CROSS_SITE], engine: ENGINE }),
    '/api/webhook': {
      get: { operationId: 'getWebhook', summary: "The tenant's webhook (never its secret)", security: SESSION, responses: { ...ok('Webhook', 'WebhookState'), ...errors('unauthenticated', BEARER_REFUSED) } },
      put: {
        operationId: 'registerWebhook',
        summary: 'Registers or replaces the webhook (admins only); the signing secret is in this answer only',
        security: SESSION,
        requestBody: body('WebhookRequest'),
        responses: { ...ok('Registered', 'WebhookRegistered'), ...errors(...BAD_BODY, CROSS_SITE, 'unauthenticated', 'forbidden', 'rate_limited') },
      },
      delete: { operationId: 'removeWebhook', summary: 'Removes the webhook (admins only)', security: SESSION, responses: { ...ok('Removed', 'WebhookRemoved'), ...errors(CROSS_SITE, 'unauthenticated', 'forbidden', 'rate_limited') } },
    },
    '/api/webhook/deliveries': {
      get: {
        operationId: 'webhookDeliveries',
        summary: "The delivery log of the webhook and the destinations, newest first (up to 100): pending, delivered or dead, with generic reasons",
        security: SESSION,
        parameters: [
          { name: 'destination', in: 'query', required: false, schema: { type: 'string', pattern: '^(webhook|[A-Za-z0-9_-]{16})$' }, description: 'Only the deliveries to this destination (its id; webhook: the webhook’s).' },
        ],
        responses: { ...ok('Deliveries', 'WebhookDeliveries'), ...errors('invalid_input', 'unauthenticated', BEARER_REFUSED) },
      },
    },
    '/api/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness: the process answers (no engine work). Prometheus metrics are on a separate loopback listener, not this port.',
        security: PUBLIC,
        responses: ok('Alive', 'Health'),
      },
    },
    '/api/health/ready': {
      get: {
        operationId: 'ready',
        summary: 'Readiness: the engine answers, with data freshness per datasource; checked at most every 5 seconds',
        security: PUBLIC,
        responses: { ...ok('Ready', 'Ready'), ...errors('engine_unavailable') },
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
        'an undeclared method is 405 with Allow; 429 and 503 carry Retry-After; POST, PUT, PATCH and DELETE with an Origin other than the ' +
        'public URL\'s or the request\'s own host are 403 forbidden (requests without Origin pass). Every answer carries x-request-id: the request\'s own ' +
        'x-request-id when that is a plain token (letters, digits, . _ : -, at most 128), else a generated one.',
    },
    servers: [{ url: '/', description: 'This Pulseboard instance' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pb_session', description: 'Set by POST /api/session.' },
        embedToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An embed token signed by the vendor\'s backend (README "Embedding"): HS256 with the tenant\'s embedding secret, or RS256/ES256 with a key ' +
            'of the tenant\'s JWKS; claims tenant, sub, dashboards (ids), filters (locked, in the view\'s filter shape), exp (at most an hour ahead) ' +
            'and aud "pulseboard". Expired, tampered, wrong-audience, wrong-key, alg "none", too long-lived and unknown-tenant tokens are 401. ' +
            'It reads only: endpoints that change anything, and the alerts, answer 403 to it. The same token drives /embed/{tenant}/{dashboard}.',
        },
      },
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
