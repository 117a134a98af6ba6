/** Calls the real route handlers in process, the way Next.js would, with a cookie jar per user. */
import './fresh-database';
import * as adminAuditRoute from '@/app/api/admin/audit/route';
import * as adminEmbedRoute from '@/app/api/admin/embed/route';
import * as adminEmbedSecretRoute from '@/app/api/admin/embed/secret/route';
import * as adminInvitationsRoute from '@/app/api/admin/invitations/route';
import * as adminThresholdsRoute from '@/app/api/admin/thresholds/route';
import * as adminUserRoute from '@/app/api/admin/users/[id]/route';
import * as adminUsersRoute from '@/app/api/admin/users/route';
import * as alertAckRoute from '@/app/api/alerts/[id]/ack/route';
import * as alertResolveRoute from '@/app/api/alerts/[id]/resolve/route';
import * as alertsRoute from '@/app/api/alerts/route';
import * as annotationRoute from '@/app/api/annotations/[id]/route';
import * as annotationsRoute from '@/app/api/annotations/route';
import * as acceptRoute from '@/app/api/invitations/accept/route';
import * as lookupRoute from '@/app/api/invitations/lookup/route';
import * as dashboardRoute from '@/app/api/dashboards/[id]/route';
import * as destinationRoute from '@/app/api/destinations/[id]/route';
import * as destinationTestRoute from '@/app/api/destinations/[id]/test/route';
import * as reportsRoute from '@/app/api/reports/route';
import * as reportRoute from '@/app/api/reports/[id]/route';
import * as reportRunRoute from '@/app/api/reports/[id]/run/route';
import * as destinationsRoute from '@/app/api/destinations/route';
import * as dashboardsRoute from '@/app/api/dashboards/route';
import * as readyRoute from '@/app/api/health/ready/route';
import * as healthRoute from '@/app/api/health/route';
import * as openapiRoute from '@/app/api/openapi.json/route';
import * as queryRoute from '@/app/api/query/route';
import * as sessionRoute from '@/app/api/session/route';
import * as sessionTenantsRoute from '@/app/api/session/tenants/route';
import * as valuesRoute from '@/app/api/values/route';
import * as explainRoute from '@/app/api/explain/route';
import * as rowsRoute from '@/app/api/rows/route';
import * as exportRoute from '@/app/api/export/route';
import * as viewRoute from '@/app/api/views/[id]/route';
import * as viewsRoute from '@/app/api/views/route';
import * as webhookRoute from '@/app/api/webhook/route';
import * as webhookDeliveriesRoute from '@/app/api/webhook/deliveries/route';
import { getRuntime } from '@/lib/runtime/runtime';

const BASE = 'http://pulse.test';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of the body it expects; a typed body per route would repeat the schemas here
export type Reply = { status: number; body: any; headers: Headers };

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON: keep the text, tests assert on it */
  }
  return { status: res.status, body, headers: res.headers };
}

export function post(path: string, body: unknown, init: { cookie?: string; raw?: boolean; contentType?: string; signal?: AbortSignal } = {}) {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json', ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.raw ? (body as string) : JSON.stringify(body),
    signal: init.signal,
  });
}

export function get(path: string, cookie?: string) {
  return new Request(`${BASE}${path}`, { headers: cookie ? { cookie } : {} });
}

export const api = {
  login: async (email: string, password = 'demo') => reply(await sessionRoute.POST(post('/api/session', { email, password }))),
  session: async (cookie?: string) => reply(await sessionRoute.GET(get('/api/session', cookie))),
  query: async (body: unknown, cookie?: string, init: Parameters<typeof post>[2] = {}) =>
    reply(await queryRoute.POST(post('/api/query', body, { ...init, cookie }))),
  values: async (body: unknown, cookie?: string) => reply(await valuesRoute.POST(post('/api/values', body, { cookie }))),
  explain: async (body: unknown, cookie?: string) => reply(await explainRoute.POST(post('/api/explain', body, { cookie }))),
  rows: async (body: unknown, cookie?: string) => reply(await rowsRoute.POST(post('/api/rows', body, { cookie }))),
  dashboards: async (cookie?: string) => reply(await dashboardsRoute.GET(get('/api/dashboards', cookie))),
  dashboard: async (id: string, cookie?: string) => reply(await dashboardRoute.GET(get(`/api/dashboards/${encodeURIComponent(id)}`, cookie))),
  health: async () => reply(await healthRoute.GET(get('/api/health'))),
  ready: async () => reply(await readyRoute.GET(get('/api/health/ready'))),
  openapi: async () => reply(await openapiRoute.GET(get('/api/openapi.json'))),
  alerts: async (cookie?: string, tz = 'UTC') => reply(await alertsRoute.GET(get(`/api/alerts?tz=${encodeURIComponent(tz)}`, cookie))),
  webhook: async (cookie?: string) => reply(await webhookRoute.GET(get('/api/webhook', cookie))),
  webhookDeliveries: async (cookie?: string) => reply(await webhookDeliveriesRoute.GET(get('/api/webhook/deliveries', cookie))),
  registerWebhook: async (url: unknown, cookie?: string) =>
    reply(await webhookRoute.PUT(new Request('http://pulse.test/api/webhook', { method: 'PUT', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ url }) }))),
  removeWebhook: async (cookie?: string) =>
    reply(await webhookRoute.DELETE(new Request('http://pulse.test/api/webhook', { method: 'DELETE', headers: cookie ? { cookie } : {} }))),
  rawQuery: async (req: Request) => reply(await queryRoute.POST(req)),
};

type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', (req: Request) => Promise<Response>>>;

/** Any method on a route module, with a JSON body when given. */
async function call(mod: RouteModule, method: keyof RouteModule, path: string, cookie?: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...extra, ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
  return reply(await mod[method]!(new Request(`${BASE}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })));
}

/** POST /api/export with a cookie or other headers (an embed token): the file's bytes, and the error body when it is JSON. */
export async function exportFile(body: unknown, cookie?: string, extra: Record<string, string> = {}): Promise<Reply & { bytes: Buffer }> {
  const headers = { ...extra, ...(cookie ? { cookie } : {}), 'content-type': 'application/json' };
  const res = await exportRoute.POST(new Request(`${BASE}/api/export`, { method: 'POST', headers, body: JSON.stringify(body) }));
  const bytes = Buffer.from(await res.arrayBuffer());
  const isJson = res.headers.get('content-type')?.startsWith('application/json');
  return { status: res.status, headers: res.headers, bytes, body: isJson ? JSON.parse(bytes.toString('utf8')) : null };
}

/** POST /api/query with `Authorization: Bearer <token>` (an embed or render token) and no cookie. */
export async function queryWithBearer(token: string, body: unknown): Promise<Reply> {
  const req = post('/api/query', body);
  req.headers.set('authorization', `Bearer ${token}`);
  return reply(await queryRoute.POST(req));
}

/** The tenant admin API. */
export const adminApi = {
  users: (cookie?: string) => call(adminUsersRoute, 'GET', '/api/admin/users', cookie),
  setRole: (id: number | string, role: unknown, cookie?: string) => call(adminUserRoute, 'PATCH', `/api/admin/users/${id}`, cookie, { role }),
  remove: (id: number | string, cookie?: string) => call(adminUserRoute, 'DELETE', `/api/admin/users/${id}`, cookie),
  invite: (body: unknown, cookie?: string) => call(adminInvitationsRoute, 'POST', '/api/admin/invitations', cookie, body),
  thresholds: (cookie?: string) => call(adminThresholdsRoute, 'GET', '/api/admin/thresholds', cookie),
  setThresholds: (thresholds: unknown, cookie?: string) => call(adminThresholdsRoute, 'PUT', '/api/admin/thresholds', cookie, { thresholds }),
  audit: (query: string, cookie?: string) => call(adminAuditRoute, 'GET', `/api/admin/audit${query}`, cookie),
  accept: (body: unknown) => call(acceptRoute, 'POST', '/api/invitations/accept', undefined, body),
  lookup: (body: unknown) => call(lookupRoute, 'POST', '/api/invitations/lookup', undefined, body),
  embed: (cookie?: string) => call(adminEmbedRoute, 'GET', '/api/admin/embed', cookie),
  setEmbed: (body: unknown, cookie?: string) => call(adminEmbedRoute, 'PUT', '/api/admin/embed', cookie, body),
  issueEmbedSecret: (cookie?: string) => call(adminEmbedSecretRoute, 'POST', '/api/admin/embed/secret', cookie),
  removeEmbedSecret: (cookie?: string) => call(adminEmbedSecretRoute, 'DELETE', '/api/admin/embed/secret', cookie),
};

/** The signed-in user's tenants and the switch between them. */
export const tenantsApi = {
  mine: (cookie?: string) => call(sessionTenantsRoute, 'GET', '/api/session/tenants', cookie),
  switchTo: (tenant: unknown, cookie?: string) => call(sessionTenantsRoute, 'POST', '/api/session/tenants', cookie, { tenant }),
};

/** Saved views and the tenant's own dashboards (issue 18). */
export const workspaceApi = {
  views: (dashboard: string, cookie?: string) => call(viewsRoute, 'GET', `/api/views?dashboard=${encodeURIComponent(dashboard)}`, cookie),
  saveView: (body: unknown, cookie?: string) => call(viewsRoute, 'POST', '/api/views', cookie, body),
  changeView: (id: string, patch: unknown, cookie?: string) => call(viewRoute, 'PATCH', `/api/views/${encodeURIComponent(id)}`, cookie, patch),
  deleteView: (id: string, cookie?: string) => call(viewRoute, 'DELETE', `/api/views/${encodeURIComponent(id)}`, cookie),
  createDashboard: (doc: unknown, cookie?: string) => call(dashboardsRoute, 'POST', '/api/dashboards', cookie, doc),
  replaceDashboard: (id: string, doc: unknown, cookie?: string, ifMatch?: string) =>
    call(dashboardRoute, 'PUT', `/api/dashboards/${encodeURIComponent(id)}`, cookie, doc, ifMatch === undefined ? {} : { 'if-match': ifMatch }),
  deleteDashboard: (id: string, cookie?: string) => call(dashboardRoute, 'DELETE', `/api/dashboards/${encodeURIComponent(id)}`, cookie),
};

/** The alert inbox (issue 18). */
export const alertsApi = {
  list: (query: string, cookie?: string) => call(alertsRoute, 'GET', `/api/alerts${query}`, cookie),
  ack: (id: string, body: unknown, cookie?: string) => call(alertAckRoute, 'POST', `/api/alerts/${encodeURIComponent(id)}/ack`, cookie, body),
  resolve: (id: string, body: unknown, cookie?: string) => call(alertResolveRoute, 'POST', `/api/alerts/${encodeURIComponent(id)}/resolve`, cookie, body),
};

/** Annotations on time series (issue 18). */
export const annotationsApi = {
  list: (query: Record<string, string>, cookie?: string) => call(annotationsRoute, 'GET', `/api/annotations?${new URLSearchParams(query)}`, cookie),
  add: (body: unknown, cookie?: string) => call(annotationsRoute, 'POST', '/api/annotations', cookie, body),
  remove: (id: string, cookie?: string) => call(annotationRoute, 'DELETE', `/api/annotations/${encodeURIComponent(id)}`, cookie),
};

/** Alert destinations (issue 19.5) and the delivery log they share with the webhook. */
export const destinationsApi = {
  list: (cookie?: string) => call(destinationsRoute, 'GET', '/api/destinations', cookie),
  add: (body: unknown, cookie?: string) => call(destinationsRoute, 'POST', '/api/destinations', cookie, body),
  change: (id: string, body: unknown, cookie?: string) => call(destinationRoute, 'PUT', `/api/destinations/${encodeURIComponent(id)}`, cookie, body),
  remove: (id: string, cookie?: string) => call(destinationRoute, 'DELETE', `/api/destinations/${encodeURIComponent(id)}`, cookie),
  test: (id: string, cookie?: string) => call(destinationTestRoute, 'POST', `/api/destinations/${encodeURIComponent(id)}/test`, cookie),
  deliveries: (query: string, cookie?: string) => call(webhookDeliveriesRoute, 'GET', `/api/webhook/deliveries${query}`, cookie),
};

export const reportsApi = {
  list: (cookie?: string) => call(reportsRoute, 'GET', '/api/reports', cookie),
  add: (body: unknown, cookie?: string) => call(reportsRoute, 'POST', '/api/reports', cookie, body),
  get: (id: string, cookie?: string) => call(reportRoute, 'GET', `/api/reports/${encodeURIComponent(id)}`, cookie),
  change: (id: string, body: unknown, cookie?: string) => call(reportRoute, 'PATCH', `/api/reports/${encodeURIComponent(id)}`, cookie, body),
  remove: (id: string, cookie?: string) => call(reportRoute, 'DELETE', `/api/reports/${encodeURIComponent(id)}`, cookie),
  run: (id: string, cookie?: string) => call(reportRunRoute, 'POST', `/api/reports/${encodeURIComponent(id)}/run`, cookie),
};

/** Signs in and returns the cookie header value to send back. */
export async function cookieFor(email: string): Promise<string> {
  const r = await api.login(email);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${r.status}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * Sessions of the demo tenants' people for workspace tests: acme's admin, its viewer ops@, an
 * editor of acme made for the test file (`editorEmail`), and globex's admin.
 */
export async function workspaceCookies(editorEmail: string): Promise<{ acme: string; ops: string; editor: string; globex: string }> {
  const rt = await getRuntime();
  const user = await rt.store.users.ensure({ email: editorEmail, passwordHash: null });
  await rt.store.memberships.put('acme', user.id, 'editor');
  const editor = `pb_session=${await rt.auth.issue({ email: editorEmail, tenant: 'acme', tenantName: 'Acme Corp', role: 'editor' })}`;
  return { acme: await cookieFor('demo@acme.test'), ops: await cookieFor('ops@acme.test'), editor, globex: await cookieFor('demo@globex.test') };
}
