/**
 * Fuzzing the public API in process: at least 100,000 generated malformed and hostile requests
 * across every endpoint. Whatever arrives, the answer is never a 5xx and never a crash, and
 * every error is JSON with a code.
 */
import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as alertAckRoute from '@/app/api/alerts/[id]/ack/route';
import * as alertResolveRoute from '@/app/api/alerts/[id]/resolve/route';
import * as alertsRoute from '@/app/api/alerts/route';
import * as annotationRoute from '@/app/api/annotations/[id]/route';
import * as annotationsRoute from '@/app/api/annotations/route';
import * as dashboardRoute from '@/app/api/dashboards/[id]/route';
import * as dashboardsRoute from '@/app/api/dashboards/route';
import * as destinationRoute from '@/app/api/destinations/[id]/route';
import * as destinationTestRoute from '@/app/api/destinations/[id]/test/route';
import * as destinationsRoute from '@/app/api/destinations/route';
import * as queryRoute from '@/app/api/query/route';
import * as reportRoute from '@/app/api/reports/[id]/route';
import * as reportRunRoute from '@/app/api/reports/[id]/run/route';
import * as reportsRoute from '@/app/api/reports/route';
import * as sessionRoute from '@/app/api/session/route';
import * as streamRoute from '@/app/api/stream/route';
import * as valuesRoute from '@/app/api/values/route';
import * as explainRoute from '@/app/api/explain/route';
import * as rowsRoute from '@/app/api/rows/route';
import * as exportRoute from '@/app/api/export/route';
import * as viewRoute from '@/app/api/views/[id]/route';
import * as viewsRoute from '@/app/api/views/route';
import * as webhookDeliveriesRoute from '@/app/api/webhook/deliveries/route';
import * as webhookRoute from '@/app/api/webhook/route';
import { ERROR_STATUS } from '@/lib/errors/app-error';
import { getRuntime } from '@/lib/runtime/runtime';
import { until } from '@/lib/testing/alert-store';
import { cookieFor } from '@/lib/testing/api-client';
import { listDashboards, listDatasources } from '@/lib/dashboards/registry';
import { valueArb, viewInputArb } from '@/lib/testing/arbitraries';
import { readEvents } from '@/lib/testing/sse';

/** Lone surrogates cannot be percent-encoded; a browser would not send them either. */
const urlPart = (s: string) => encodeURIComponent(s.toWellFormed());

process.env.PULSE_LIVE = 'off';
const RUNS = Number(process.env.FUZZ_RUNS ?? 20_000);
let cookie = '';
/** One of the tenant's real alert ids, so some changes reach an alert (and then its 409), not only 404s. */
let alertId = '';
/** One of the tenant's real destination ids, so some changes and tests reach a destination. */
let destinationId = '';
/** One of the user's real report ids, so some changes and runs reach a report. */
let reportId = '';
const counts = { requests: 0, ok: 0, clientErrors: 0 };

/**
 * PNG and PDF exports really render, in the server's Chromium, but of a stand-in page (no Next.js
 * here: these are the route handlers in process): it names the panel asked for and settles after
 * RENDER_MS, so a render holds its slot long enough for the admission limits to show.
 */
const RENDER_MS = 400;
let standIn: Server;

beforeAll(async () => {
  standIn = createServer((req, res) => {
    const panel = /^\/render\/[^/?]+\/([\w-]+)/.exec(req.url ?? '')?.[1] ?? 'all';
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><main data-render-root="loading"><section data-panel="${panel}" data-state="ready"><h2>${panel}</h2></section></main><script>setTimeout(() => document.querySelector('main').dataset.renderRoot = 'settled', ${RENDER_MS})</script>`);
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  process.env.PULSE_RENDER_ORIGIN = `http://127.0.0.1:${(standIn.address() as { port: number }).port}`;
  await getRuntime();
  cookie = await cookieFor('demo@acme.test');
  const list = await alertsRoute.GET(new Request('http://pulse.test/api/alerts?state=open', { headers: { cookie } }));
  alertId = ((await list.json()) as { alerts: { id: string }[] }).alerts[0]!.id;
  const added = await destinationsRoute.POST(post('/api/destinations', JSON.stringify({ kind: 'pagerduty', name: 'Fuzzed', severities: ['critical'], routingKey: 'R0UT1NGKEY0123456789abcdef0123wxyz' }), cookie));
  destinationId = ((await added.json()) as { destination: { id: string } }).destination.id;
  // A report to the webhook needs one (its deliveries fail: nothing listens there).
  await webhookRoute.PUT(new Request('http://pulse.test/api/webhook', { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ url: 'https://hooks.example.com/pulse' }) }));
  const report = await reportsRoute.POST(post('/api/reports', JSON.stringify({ name: 'Fuzzed', dashboard: 'api-traffic', view: { range: { last: 'PT1H' } }, every: 'day', at: '08:00', tz: 'UTC', channel: { kind: 'webhook' } }), cookie));
  reportId = ((await report.json()) as { report: { id: string } }).report.id;
});

/** A report path: the real id for one body in three, else an id made of the body. */
const reportPath = (b: string, tail = '') => `/api/reports/${b.length % 3 === 0 ? reportId : urlPart(b.slice(0, 30))}${tail}`;

/** A destination path: the real id for one body in three, else an id made of the body. */
const destinationPath = (b: string, tail = '') => `/api/destinations/${b.length % 3 === 0 ? destinationId : urlPart(b.slice(0, 30))}${tail}`;

/** An alert path: the real id for one body in three, else an id made of the body. */
const alertPath = (b: string, action: 'ack' | 'resolve') => `/api/alerts/${b.length % 3 === 0 ? alertId : urlPart(b.slice(0, 30))}/${action}`;

/** Replaces one leaf of a JSON value (chosen by `path`) with `replacement`. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  if (entries.length === 0) return replacement;
  const [key, child] = entries[path[0]! % entries.length]!;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<PropertyKey, unknown>;
  copy[key] = mutate(child, path.slice(1), replacement);
  return copy;
}

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  valueArb,
  fc.constantFrom(null, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, '', '__proto__', { __proto__: { admin: true } }, [[[[]]]], 'tenant', 'P1D', '../../etc/passwd'),
);

/** Mostly well-formed requests that name real panels and dimensions, so the engine path is fuzzed too. */
const validBody = fc.constantFrom(...listDashboards()).chain((d) =>
  fc.record({
    dashboard: fc.constant(d.id),
    panel: fc.constantFrom(...d.panels.map((p) => p.id)),
    view: viewInputArb.chain((v) =>
      fc
        .array(fc.record({ dim: fc.constantFrom(...d.dimensions.map((x) => x.id)), op: fc.constantFrom('in', 'not_in', 'contains'), values: fc.array(valueArb, { minLength: 1, maxLength: 3 }) }), { maxLength: 3 })
        .map((filters) => ({ ...v, filters, split: undefined, sort: undefined, range: { last: 'P1D' as const } })),
    ),
  }),
);

const bodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validBody, fc.array(fc.nat(), { maxLength: 4 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 3, arbitrary: validBody.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '{"view":', '\u0000', '[]', 'null', '{"a":1}'.repeat(5000), '\ud800') },
);

/** Annotations: mostly well-formed notes (some on a declared dimension), or one of them with a hostile leaf. */
const instantArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const validNote = fc.constantFrom(...listDatasources()).chain((ds) =>
  fc.record(
    {
      datasource: fc.constant(ds.id),
      start: instantArb,
      end: instantArb,
      text: fc.string({ minLength: 1, maxLength: 60 }),
      dimension: fc.constantFrom(...ds.dimensions.map((x) => x.name)),
      value: valueArb,
    },
    { requiredKeys: ['datasource', 'start', 'text'] },
  ),
);
const noteBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validNote, fc.array(fc.nat(), { maxLength: 3 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 2, arbitrary: validNote.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: bodyArb },
);
/** Destinations: mostly well-formed ones of each kind (Slack URLs as literal addresses, so no name is resolved), or one with a hostile leaf. */
const validDestination = fc.oneof(
  fc.record({ kind: fc.constant('slack'), url: fc.constantFrom('https://93.184.216.34/services/T/B/x', 'http://10.0.0.1/x', 'https://[::1]/x', 'https://user:pw@93.184.216.34/', 'javascript:alert(1)') }),
  fc.record({ kind: fc.constant('pagerduty'), routingKey: fc.oneof(fc.constant('R0UT1NGKEY0123456789abcdef0123wxyz'), fc.string({ maxLength: 70 })) }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('email'), recipients: fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 40 })), { maxLength: 22 }) }),
).chain((target) =>
  fc.record({ name: fc.string({ maxLength: 90 }), severities: fc.subarray(['info', 'warning', 'critical', 'urgent']), tz: fc.constantFrom('UTC', 'Europe/Berlin', 'Mars/Olympus') }, { requiredKeys: ['name', 'severities'] }).map((rest) => ({ ...target, ...rest })),
);
const destinationBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validDestination, fc.array(fc.nat(), { maxLength: 3 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 2, arbitrary: validDestination.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: bodyArb },
);

/** Scheduled reports: mostly well-formed schedules (PDF or a panel's PNG, daily or weekly, e-mail or webhook), or one with a hostile leaf. */
const validReport = fc.constantFrom(...listDashboards()).chain((d) =>
  fc.record({
    name: fc.string({ minLength: 1, maxLength: 40 }),
    dashboard: fc.constant(d.id),
    format: fc.constantFrom('pdf', 'png'),
    panel: fc.option(fc.constantFrom(...d.panels.map((p) => p.id)), { nil: undefined }),
    view: viewInputArb.map((v) => ({ ...v, split: undefined, sort: undefined })),
    every: fc.constantFrom('day', 'week'),
    weekday: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
    at: fc.constantFrom('08:00', '23:59', '00:00', '7:30', '24:00'),
    tz: fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kathmandu', 'Mars/Olympus'),
    channel: fc.oneof(fc.constant({ kind: 'webhook' }), fc.record({ kind: fc.constant('email'), recipients: fc.array(fc.constantFrom('demo@acme.test', 'ops@acme.test', 'demo@globex.test', 'x@example.com', 'not an address'), { minLength: 0, maxLength: 3 }) })),
  }),
);
const reportBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validReport, fc.array(fc.nat(), { maxLength: 3 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 2, arbitrary: validReport.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: bodyArb },
);
const reportPatchArb = fc.oneof(
  fc.record({ name: fc.oneof(fc.string({ maxLength: 120 }), hostile), paused: fc.oneof(fc.boolean(), hostile) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  bodyArb,
);

/** GET /api/annotations: the query string's parameters, each fuzzed. */
const noteQueryArb = fc
  .record({ dashboard: fc.oneof(fc.constantFrom(...listDashboards().map((d) => d.id)), fc.string({ maxLength: 70 })), from: fc.oneof(instantArb, fc.string({ maxLength: 30 })), to: fc.oneof(instantArb, fc.string({ maxLength: 30 })), tz: fc.oneof(fc.constant('UTC'), fc.string({ maxLength: 40 })) }, { requiredKeys: [] })
  .map((q) => Object.entries(q).map(([k, v]) => `${k}=${urlPart(v)}`).join('&'));

/** Show the rows: a valid body with a clicked bucket, values and a page, or one with a hostile leaf. */
const allDimensions = [...new Set(listDashboards().flatMap((d) => d.dimensions.map((x) => x.id)))];
const validRows = fc
  .tuple(validBody, fc.record({ t: instantArb, values: fc.dictionary(fc.constantFrom(...allDimensions), valueArb, { maxKeys: 2 }) }, { requiredKeys: [] }), fc.nat({ max: 25 }), fc.integer({ min: 1, max: 250 }))
  .map(([b, at, page, pageSize]) => ({ ...b, at, page, pageSize }));
const rowsBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validRows, fc.array(fc.nat(), { maxLength: 4 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 2, arbitrary: validRows.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: bodyArb },
);

/** Exports: mostly XLSX (answered in process), a few PNG and PDF that really render, some unknown formats. */
const exportFormat = fc.oneof({ weight: 30, arbitrary: fc.constant('xlsx') }, { weight: 1, arbitrary: fc.constantFrom('png', 'pdf') }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) });
const validExport = fc.tuple(validBody, exportFormat).map(([b, format]) => (format === 'pdf' ? { format, dashboard: b.dashboard, view: b.view } : { ...b, format }));
const exportBodyArb = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(validExport, fc.array(fc.nat(), { maxLength: 4 }), hostile).map(([b, path, r]) => JSON.stringify(mutate(b, path, r))) },
  { weight: 2, arbitrary: validExport.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: bodyArb },
);
/** GET /api/stream: a dashboard and view parameters as the page URL writes them, each fuzzed. */
const streamQueryArb = fc
  .tuple(
    fc.oneof(fc.constantFrom(...listDashboards().map((d) => d.id)), fc.string({ maxLength: 70 })),
    fc.array(fc.tuple(fc.constantFrom('v', 'r', 'from', 'to', 'tz', 'g', 'cmp', 'split', 'n', 'sort', 'in.cluster', 'not_in.topic', 'contains.user', 'like.x', 'dashboard'), fc.oneof(fc.constantFrom('1', 'PT1H', 'P1D', 'UTC', 'PT1M', 'previous', '-', '5', 'acme-prod-eu'), fc.string({ maxLength: 40 }))), { maxLength: 6 }),
  )
  .map(([dashboard, params]) => [`dashboard=${urlPart(dashboard)}`, ...params.map(([k, v]) => `${k}=${urlPart(v)}`)].join('&'));

/** A stream that opens is read to its first event and closed: the fuzzer checks what it answered, not a connection left open. */
async function firstOfStream(query: string, cookieValue: string): Promise<Response> {
  const abort = new AbortController();
  const res = await streamRoute.GET(new Request(`http://pulse.test/api/stream?${query}`, { headers: { cookie: cookieValue }, signal: abort.signal }));
  if (res.status !== 200) return res;
  const first = await readEvents(res).next();
  abort.abort();
  expect(first.event).toBe('update');
  return new Response(first.data, { status: 200 });
}

const cookieArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(() => cookie) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((s) => () => `pb_session=${s}`) },
  { weight: 1, arbitrary: fc.constant(() => '') },
  { weight: 1, arbitrary: fc.nat().map((n) => () => cookie.slice(0, Math.max(12, cookie.length - (n % 20)))) },
);

async function expectClean(res: Response): Promise<void> {
  counts.requests++;
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (res.status >= 400) {
    counts.clientErrors++;
    const body = JSON.parse(text);
    expect(Object.keys(ERROR_STATUS)).toContain(body.error.code);
    expect(ERROR_STATUS[body.error.code as keyof typeof ERROR_STATUS]).toBe(res.status);
    expect(text).not.toMatch(/SELECT | {4}at |Error: /);
  } else counts.ok++;
}

function post(path: string, body: string, cookieValue: string, contentType = 'application/json') {
  return new Request(`http://pulse.test${path}`, { method: 'POST', headers: { 'content-type': contentType, cookie: cookieValue }, body });
}

function send(method: 'PUT' | 'PATCH', path: string, body: string, cookieValue: string) {
  return new Request(`http://pulse.test${path}`, { method, headers: { 'content-type': 'application/json', cookie: cookieValue }, body });
}

describe('fuzzing every endpoint', () => {
  it.each([
    ['POST /api/query', 4, (b: string, c: string) => queryRoute.POST(post('/api/query', b, c))],
    ['POST /api/values', 2, (b: string, c: string) => valuesRoute.POST(post('/api/values', b.replace('"panel"', '"dim"'), c))],
    ['POST /api/explain', 1, (b: string, c: string) => explainRoute.POST(post('/api/explain', b, c))],
    ['POST /api/rows', 1, (b: string, c: string) => rowsRoute.POST(post('/api/rows', b, c)), rowsBodyArb],
    ['POST /api/export', 0.4, (b: string, c: string) => exportRoute.POST(post('/api/export', b, c)), exportBodyArb],
    ['POST /api/session', 1, (b: string, c: string) => sessionRoute.POST(post('/api/session', b, c))],
    ['PUT /api/webhook', 1, (b: string, c: string) => webhookRoute.PUT(new Request('http://pulse.test/api/webhook', { method: 'PUT', headers: { 'content-type': 'application/json', cookie: c }, body: b }))],
    ['GET /api/dashboards/{id}', 1, (b: string, c: string) => dashboardRoute.GET(new Request(`http://pulse.test/api/dashboards/${urlPart(b.slice(0, 100))}`, { headers: { cookie: c } }))],
    ['GET /api/dashboards/{raw}', 1, (b: string, c: string) => dashboardRoute.GET(new Request(`http://pulse.test/api/dashboards/%${b.length % 2 ? 'E0%A4%A' : 'zz'}${urlPart(b.slice(0, 20))}`, { headers: { cookie: c } }))],
    ['POST /api/views', 1, (b: string, c: string) => viewsRoute.POST(post('/api/views', b.replace('"panel"', '"name"'), c))],
    ['PATCH /api/views/{id}', 1, (b: string, c: string) => viewRoute.PATCH(send('PATCH', `/api/views/${urlPart(b.slice(0, 30))}`, b.replace('"dashboard"', '"name"'), c))],
    ['POST /api/dashboards', 1, (b: string, c: string) => dashboardsRoute.POST(post('/api/dashboards', b.replace('"panel"', '"title"'), c))],
    ['PUT /api/dashboards/{id}', 1, (b: string, c: string) => dashboardRoute.PUT(send('PUT', `/api/dashboards/${urlPart(b.slice(0, 30))}`, b, c))],
    ['GET /api/alerts', 1, (b: string, c: string) => alertsRoute.GET(new Request(`http://pulse.test/api/alerts?tz=${urlPart(b.slice(0, 80))}`, { headers: { cookie: c } }))],
    ['GET /api/alerts?state', 1, (b: string, c: string) => alertsRoute.GET(new Request(`http://pulse.test/api/alerts?state=${urlPart(b.slice(0, 40))}`, { headers: { cookie: c } }))],
    ['POST /api/alerts/{id}/ack', 1, (b: string, c: string) => alertAckRoute.POST(post(alertPath(b, 'ack'), b.replace('"panel"', '"note"'), c))],
    ['POST /api/alerts/{id}/resolve', 1, (b: string, c: string) => alertResolveRoute.POST(post(alertPath(b, 'resolve'), b.replace('"panel"', '"note"'), c))],
    ['POST /api/annotations', 1, (b: string, c: string) => annotationsRoute.POST(post('/api/annotations', b, c)), noteBodyArb],
    ['GET /api/annotations', 1, (b: string, c: string) => annotationsRoute.GET(new Request(`http://pulse.test/api/annotations?${b}`, { headers: { cookie: c } })), noteQueryArb],
    ['GET /api/stream', 0.2, (q: string, c: string) => firstOfStream(q, c), streamQueryArb],
    ['DELETE /api/annotations/{id}', 1, (b: string, c: string) => annotationRoute.DELETE(new Request(`http://pulse.test/api/annotations/${urlPart(b.slice(0, 40))}`, { method: 'DELETE', headers: { cookie: c } }))],
    ['POST /api/destinations', 1, (b: string, c: string) => destinationsRoute.POST(post('/api/destinations', b, c)), destinationBodyArb],
    ['PUT /api/destinations/{id}', 1, (b: string, c: string) => destinationRoute.PUT(send('PUT', destinationPath(b), b, c)), destinationBodyArb],
    ['POST /api/destinations/{id}/test', 1, (b: string, c: string) => destinationTestRoute.POST(post(destinationPath(b, '/test'), '', c))],
    ['DELETE /api/destinations/{id}', 1, (b: string, c: string) => destinationRoute.DELETE(new Request(`http://pulse.test/api/destinations/${urlPart(b.slice(0, 40))}`, { method: 'DELETE', headers: { cookie: c } }))],
    ['POST /api/reports', 1, (b: string, c: string) => reportsRoute.POST(post('/api/reports', b, c)), reportBodyArb],
    ['PATCH /api/reports/{id}', 1, (b: string, c: string) => reportRoute.PATCH(send('PATCH', reportPath(b), b, c)), reportPatchArb],
    ['GET /api/reports/{id}', 0.5, (b: string, c: string) => reportRoute.GET(new Request(`http://pulse.test${reportPath(b)}`, { headers: { cookie: c } }))],
    ['POST /api/reports/{id}/run', 0.3, (b: string, c: string) => reportRunRoute.POST(post(reportPath(b, '/run'), '', c))],
    ['DELETE /api/reports/{id}', 0.5, (b: string, c: string) => reportRoute.DELETE(new Request(`http://pulse.test/api/reports/${urlPart(b.slice(0, 40))}`, { method: 'DELETE', headers: { cookie: c } }))],
    ['GET /api/webhook/deliveries?destination', 1, (b: string, c: string) => webhookDeliveriesRoute.GET(new Request(`http://pulse.test/api/webhook/deliveries?destination=${urlPart(b.slice(0, 40))}`, { headers: { cookie: c } }))],
  ] as const)('%s', async (_name, share, call, bodies: fc.Arbitrary<string> = bodyArb) => {
    await fc.assert(
      fc.asyncProperty(bodies, cookieArb, async (body, cookieOf) => {
        await expectClean(await call(body, cookieOf()));
      }),
      { numRuns: Math.round((RUNS * share) / 2), seed: Number(process.env.FUZZ_SEED ?? 20261125) },
    );
  }, 600_000);

  it('a burst of PNG exports: at most PULSE_RENDER_CONCURRENCY render at once, a few wait, the rest are 429 with Retry-After', async () => {
    const rt = await getRuntime();
    // The fuzzed "send now" requests queued report runs that draw with the same renderer: the burst is measured alone.
    await rt.reports.stop();
    await until(() => rt.renderer.load.running === 0 && rt.renderer.load.waiting === 0, 60_000);
    const { concurrency, queue } = { concurrency: rt.config.PULSE_RENDER_CONCURRENCY, queue: rt.config.PULSE_RENDER_CONCURRENCY * 4 };
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, rt.renderer.load.running)), 5);
    const body = JSON.stringify({ format: 'png', dashboard: 'api-traffic', panel: 'kpis', view: { range: { last: 'PT1H' } } });
    const burst = concurrency + queue + 10;
    const answers = await Promise.all(Array.from({ length: burst }, () => exportRoute.POST(post('/api/export', body, cookie))));
    clearInterval(watch);
    for (const res of answers) await expectClean(res.clone());
    const statuses = answers.map((r) => r.status);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(concurrency);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(concurrency + queue);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(10);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(refused.every((r) => r.headers.get('retry-after') === '5')).toBe(true);
    expect(rt.renderer.load).toEqual({ running: 0, waiting: 0 });
  }, 120_000);

  it('wrong content types and methods', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      await expectClean(await queryRoute.POST(post('/api/query', '{}', cookie, type)));
    }
    console.log(`fuzz: ${counts.requests} requests, ${counts.ok} answered, ${counts.clientErrors} rejected with a 4xx, 0 server errors`);
    expect(counts.requests).toBeGreaterThanOrEqual(RUNS * 5);
  });
});

afterAll(async () => {
  await (await getRuntime()).renderer.close();
  standIn.close();
});
