import { beforeAll, describe, expect, it } from 'vitest';
import { QueryResponseSchema } from '@/lib/contract/schemas';
import { listDashboards } from '@/lib/dashboards/registry';
import type { DatasourceId } from '@/lib/dashboards/datasources';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import { metrics } from '@/lib/metrics/registry';
import { planPanel } from '@/lib/query/plan';
import { getRuntime } from '@/lib/runtime/runtime';
import { runPlan } from '@/lib/service/run';
import { ViewSchema, type ViewInput } from '@/lib/view/schema';
import { api, cookieFor, post } from '@/lib/testing/api-client';
import { exactly, rowsAgree } from '@/lib/testing/conformance';
import * as queryRoute from './query/route';

process.env.PULSE_LIVE = 'off';

const engineQueries = async () => (await metrics().engineQueries.get()).values.reduce((sum, v) => sum + v.value, 0);
const TENANTS = { acme: 'demo@acme.test', globex: 'demo@globex.test', initech: 'demo@initech.test' } as const;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await getRuntime();
  for (const [tenant, email] of Object.entries(TENANTS)) cookies[tenant] = await cookieFor(email);
});

const defaultView = (d: ReturnType<typeof listDashboards>[number]): ViewInput => ({ ...d.defaultView, tz: 'UTC' });

describe('sessions', () => {
  it('signs in demo users with an httpOnly cookie and rejects wrong passwords', async () => {
    const ok = await api.login('demo@acme.test');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/^pb_session=.+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(ok.body.user).toEqual({ email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'admin' });
    expect((await api.login('demo@acme.test', 'wrong')).body.error.code).toBe('unauthenticated');
    expect((await api.login('nobody@acme.test')).status).toBe(401);
  });

  it('refuses requests without a valid session', async () => {
    const d = listDashboards()[0]!;
    const body = { dashboard: d.id, panel: d.panels[0]!.id, view: defaultView(d) };
    expect((await api.query(body)).status).toBe(401);
    expect((await api.query(body, 'pb_session=garbage')).status).toBe(401);
    const [head, payload] = cookies.acme!.slice('pb_session='.length).split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...forged, tenant: 'globex' })).toString('base64url');
    expect((await api.query(body, `pb_session=${head}.${tampered}.sig`)).status).toBe(401);
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect((await api.query(body, `pb_session=${none}.${tampered}.`)).status).toBe(401);
  });
});

/** The same request planned and run straight on the engine: no cache, no incremental path. */
async function uncached(tenant: string, d: ReturnType<typeof listDashboards>[number], panelId: string, view: ViewInput) {
  const rt = await getRuntime();
  const dataUntil = await rt.freshness.until(d.datasource as DatasourceId, tenant);
  const plan = planPanel({ dashboard: d, panel: d.panels.find((p) => p.id === panelId)!, view: ViewSchema.parse(view), tenant, dataUntil });
  const result = await runPlan(rt.engine, plan, { timeoutMs: 30_000, queryId: 'api-test', tz: plan.main.tz });
  return { plan, result, dataUntil };
}

describe('every shipped panel answers', () => {
  for (const d of listDashboards()) {
    for (const tenant of Object.keys(TENANTS)) {
      it(`${d.id} for ${tenant}`, async () => {
        for (const panel of d.panels) {
          const r = await api.query({ dashboard: d.id, panel: panel.id, view: defaultView(d) }, cookies[tenant]);
          expect(r.status, `${panel.id}: ${JSON.stringify(r.body)}`).toBe(200);
          // The answer is what the OpenAPI document promises (its QueryResponse is generated from this schema).
          expect(QueryResponseSchema.safeParse(r.body).error, panel.id).toBeUndefined();
          expect(r.body.rows.length, panel.id).toBeGreaterThan(0);
          const want = await uncached(tenant, d, panel.id, defaultView(d));
          expect(r.body.columns, panel.id).toEqual(want.plan.columns);
          // A live total merges partial sums: doubles summed in another order differ in the last
          // bits (FLOAT_TOLERANCE); whole numbers, strings and distinct counts must be equal.
          const exact = exactly(want.plan.main.measures);
          expect(rowsAgree(exact, want.plan.columns, r.body.rows, want.result.rows), panel.id).toBeNull();
          expect(r.body.compare === null, panel.id).toBe(want.result.compareRows === null);
          expect(rowsAgree(exact, want.plan.columns, r.body.compare?.rows ?? [], want.result.compareRows ?? []), panel.id).toBeNull();
          expect(r.body.trend?.rows ?? null, panel.id).toEqual(want.result.trendRows);
          expect(r.body.meta, panel.id).toMatchObject({
            engine: 'embedded',
            grain: want.plan.grain,
            interval: { start: new Date(want.plan.interval.start).toISOString(), end: new Date(want.plan.interval.end).toISOString() },
            dataUntil: new Date(want.dataUntil).toISOString(),
          });
        }
      });
    }
  }
});

describe('cache', () => {
  it('runs one engine query set for 50 concurrent identical cold requests, then hits', async () => {
    const body = { dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P7D' }, tz: 'Europe/Berlin', compare: 'previous' } };
    const before = await engineQueries();
    const replies = await Promise.all(Array.from({ length: 50 }, () => api.query(body, cookies.acme)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(await engineQueries()).toBe(before + 2); // main + compare
    expect(new Set(replies.map((r) => JSON.stringify(r.body.rows))).size).toBe(1);
    const again = await api.query(body, cookies.acme);
    expect(again.body.meta.cache).toBe('hit');
    expect(again.body.rows).toEqual(replies[0]!.body.rows);
    expect(await engineQueries()).toBe(before + 2);
    expect(await metrics().registry.metrics()).toMatch(/pulse_cache_requests_total\{result="hit"\} [1-9]/);
  });

  it('answers a client that went away quietly, without an error', async () => {
    const gone = new AbortController();
    gone.abort();
    const body = { dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' }, tz: 'Asia/Tokyo' } };
    const r = await api.query(body, cookies.acme, { signal: gone.signal });
    expect(r.status).toBe(499);
    expect(r.body).toBe('');
  });

  it('serves a repeat from its serialized, compressed form with an ETag, and 304 when the client has it', async () => {
    const text = JSON.stringify({ dashboard: 'topics-clients', panel: 'messages', view: { range: { last: 'P7D' }, tz: 'UTC' } });
    const send = (headers: Record<string, string> = {}) =>
      api.rawQuery(new Request('http://pulse.test/api/query', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.acme!, ...headers }, body: text }));
    await send(); // miss
    const hit = await send(); // hit, which is serialized for reuse
    const before = await engineQueries();
    const reused = await send();
    expect(reused.status).toBe(200);
    expect(reused.body.meta.cache).toBe('hit');
    expect(reused.body.rows).toEqual(hit.body.rows);
    const etag = reused.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(hit.headers.get('etag')).toBe(etag);

    const notModified = await send({ 'if-none-match': `"other", ${etag}` });
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBe('');
    expect((await send({ 'if-none-match': 'W/"other"' })).status).toBe(200);

    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    for (const [accept, decode] of [['gzip', gunzipSync], ['gzip, br', brotliDecompressSync]] as const) {
      const res = await queryRoute.POST(new Request('http://pulse.test/api/query', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.acme!, 'accept-encoding': accept }, body: text }));
      expect(res.headers.get('content-encoding')).toBe(accept === 'gzip' ? 'gzip' : 'br');
      const compressed = Buffer.from(await res.arrayBuffer());
      expect(compressed.length).toBeLessThan(JSON.stringify(hit.body).length);
      expect(JSON.parse(decode(compressed).toString()).rows).toEqual(hit.body.rows);
    }
    expect(await engineQueries()).toBe(before);
  });

  it('reuses a serialized answer only for the tenant it was made for', async () => {
    const body = { dashboard: 'topics-clients', panel: 'top_clients', view: { range: { last: 'P7D' }, tz: 'UTC' } };
    for (let i = 0; i < 3; i++) await api.query(body, cookies.acme);
    const globex = await api.query(body, cookies.globex);
    expect(globex.status).toBe(200);
    expect(globex.body.rows.length).toBeGreaterThan(0);
    expect(globex.body.rows.every((r: unknown[]) => String(r[0]).startsWith('globex'))).toBe(true);
    expect((await api.query(body)).status).toBe(401);
    expect((await api.rawQuery(post('/api/query', body, { cookie: cookies.acme, contentType: 'text/plain' }))).status).toBe(415);
  });

  it('returns the compare period alongside', async () => {
    const r = await api.query({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' }, compare: 'P1W' } }, cookies.acme);
    expect(r.body.compare.rows).toHaveLength(1);
    expect(Date.parse(r.body.meta.interval.start) - Date.parse(r.body.compare.interval.start)).toBe(7 * 86_400_000);
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant a value of another tenant’s data, on any panel or typeahead', async () => {
    const rt = await getRuntime();
    const conn = await (rt.engine as EmbeddedEngine).connect();
    /** Every value a tenant's own rows hold in a column, read with SQL written here, not by the app. */
    const own = async (tenant: string, table: string, column: string) =>
      new Set((await conn.runAndReadAll(`SELECT DISTINCT "${column}" FROM "${table}" WHERE tenant = $1`, [tenant])).getRowsJS().map((r) => r[0]));
    let checked = 0;
    try {
      for (const [tenant, cookie] of Object.entries(cookies)) {
        for (const d of listDashboards()) {
          for (const panel of d.panels) {
            const r = await api.query({ dashboard: d.id, panel: panel.id, view: defaultView(d) }, cookie);
            for (const [i, column] of (r.body.columns as { name: string; type: string }[]).entries()) {
              if (column.type !== 'string') continue;
              const allowed = await own(tenant, d.datasource, column.name);
              for (const row of [...r.body.rows, ...(r.body.compare?.rows ?? [])]) {
                if (row[i] === null) continue; // "Other"
                expect(allowed.has(row[i]), `${tenant} saw ${row[i]} in ${d.id}/${panel.id}`).toBe(true);
                checked++;
              }
            }
          }
        }
        const values = await api.values({ dashboard: 'topics-clients', dim: 'client', search: '', view: { range: { last: 'P7D' } } }, cookie);
        expect(values.body.values.length).toBeGreaterThan(0);
        const clients = await own(tenant, 'cluster_metrics', 'client');
        for (const v of values.body.values) expect(clients.has(v.value), `${tenant} was offered ${v.value}`).toBe(true);
      }
    } finally {
      conn.closeSync();
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('an explicit filter on another tenant’s values returns nothing', async () => {
    const view = { range: { last: 'P7D' }, filters: [{ dim: 'client', op: 'in', values: ['globex-ingest'] }] };
    const r = await api.query({ dashboard: 'topics-clients', panel: 'top_clients', view }, cookies.acme);
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([]);
  });
});

describe('bad input gets a 4xx JSON error with a code and a path', () => {
  const ok = { dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } };
  const cases: [string, unknown, number, string, string | undefined][] = [
    ['unknown top-level key', { ...ok, tenant: 'globex' }, 400, 'invalid_input', 'tenant'],
    ['misspelled view key', { ...ok, view: { range: { last: 'P1D' }, filter: [] } }, 400, 'invalid_input', 'view.filter'],
    ['wrong type', { ...ok, panel: 42 }, 400, 'invalid_input', 'panel'],
    ['missing view', { dashboard: 'x', panel: 'y' }, 400, 'invalid_input', 'view'],
    ['unknown dashboard', { ...ok, dashboard: 'nope' }, 404, 'not_found', 'dashboard'],
    ['unknown panel', { ...ok, panel: 'nope' }, 404, 'not_found', 'panel'],
    ['unknown dimension', { ...ok, view: { range: { last: 'P1D' }, filters: [{ dim: 'password', op: 'in', values: ['x'] }] } }, 400, 'invalid_input', 'view.filters.0.dim'],
    ['tenant as a filter', { ...ok, view: { range: { last: 'P1D' }, filters: [{ dim: 'tenant', op: 'in', values: ['globex'] }] } }, 400, 'invalid_input', 'view.filters.0.dim'],
    ['huge value array', { ...ok, view: { range: { last: 'P1D' }, filters: [{ dim: 'country', op: 'in', values: Array(101).fill('x') }] } }, 400, 'invalid_input', 'view.filters.0.values'],
    ['huge string', { ...ok, view: { range: { last: 'P1D' }, filters: [{ dim: 'country', op: 'in', values: ['x'.repeat(201)] }] } }, 400, 'invalid_input', 'view.filters.0.values.0'],
    ['inverted range', { ...ok, view: { range: { start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' } } }, 400, 'invalid_input', 'view.range.end'],
    ['unbounded range', { ...ok, view: { range: { start: '1970-01-01T00:00:00Z', end: '2026-11-01T00:00:00Z' } } }, 400, 'invalid_input', 'view.range.end'],
    ['range over the dashboard maximum', { ...ok, view: { range: { start: '2026-01-01T00:00:00Z', end: '2026-11-01T00:00:00Z' } } }, 400, 'invalid_input', 'view.range'],
    ['bad time zone', { ...ok, view: { range: { last: 'P1D' }, tz: "UTC'; DROP TABLE logins; --" } }, 400, 'invalid_input', 'view.tz'],
    ['bad grain', { ...ok, view: { range: { last: 'P1D' }, grain: 'PT1S' } }, 400, 'invalid_input', 'view.grain'],
    ['limit too large', { ...ok, view: { range: { last: 'P1D' }, limit: 10_000 } }, 400, 'invalid_input', 'view.limit'],
    ['JSON array body', [], 400, 'invalid_input', undefined],
  ];
  it.each(cases)('%s', async (_name, body, status, code, path) => {
    const r = await api.query(body, cookies.acme);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.path).toBe(path);
    expect(r.body.error.message).not.toMatch(/SELECT|at .*\.ts|Error:/);
  });

  it('malformed JSON, wrong content type and oversized bodies', async () => {
    const c = cookies.acme!;
    expect((await api.rawQuery(post('/api/query', '{"dashboard":', { cookie: c, raw: true }))).body.error.code).toBe('invalid_input');
    expect((await api.rawQuery(post('/api/query', 'x', { cookie: c, raw: true, contentType: 'text/plain' }))).status).toBe(415);
    const big = JSON.stringify({ ...ok, pad: 'x'.repeat(100_000) });
    expect((await api.rawQuery(post('/api/query', big, { cookie: c, raw: true }))).status).toBe(413);
  });

  it('treats SQL in values as data: no error, no extra rows', async () => {
    const evil = ["' OR '1'='1", 'US"; DROP TABLE logins; --', "') OR tenant = 'globex' --", '%', '_'];
    for (const op of ['in', 'contains'] as const) {
      const r = await api.query({ ...ok, panel: 'top_countries', view: { range: { last: 'P7D' }, filters: [{ dim: 'country', op, values: evil }] } }, cookies.acme);
      expect(r.status).toBe(200);
      expect(r.body.rows).toEqual([]);
    }
    const search = await api.values({ dashboard: 'security-logins', dim: 'country', search: "' OR 1=1 --", view: { range: { last: 'P1D' } } }, cookies.acme);
    expect(search.status).toBe(200);
    expect(search.body.values).toEqual([]);
  });
});

describe('alerts and webhooks', () => {
  it('lists the tenant’s own recent alerts, each linking to its dashboard window', async () => {
    for (const [tenant, cookie] of Object.entries(cookies)) {
      const r = await api.alerts(cookie, 'Europe/Berlin');
      expect(r.status).toBe(200);
      const spike = r.body.alerts.find((a: { rule: string }) => a.rule === 'login_spike');
      expect(spike, tenant).toMatchObject({ severity: 'critical', href: expect.stringMatching(/^\/d\/security-logins\?v=1&from=.*&cmp=P1W/) });
      expect(JSON.stringify(r.body).includes(Object.keys(TENANTS).find((t) => t !== tenant)!)).toBe(false);
    }
    expect((await api.alerts(cookies.acme, 'Mars/Base')).body.error).toMatchObject({ code: 'invalid_input', path: 'tz' });
    expect((await api.alerts()).status).toBe(401);
  });

  it('registers one webhook per tenant, shows the secret once, refuses private addresses', async () => {
    for (const url of ['http://127.0.0.1:8081/druid/v2/sql', 'http://localhost/x', 'http://localhost./x', 'http://[::ffff:127.0.0.1]/', 'http://100.64.0.1/', 'http://10.0.0.5/x', 'ftp://example.com/x', 'not a url', 'https://user:pw@example.com/']) {
      const r = await api.registerWebhook(url, cookies.acme);
      expect(r.status, url).toBe(400);
      expect(r.body.error.path).toBe('url');
    }
    const ok = await api.registerWebhook('https://hooks.example.com/pulse', cookies.acme);
    expect(ok.body).toMatchObject({ webhook: { url: 'https://hooks.example.com/pulse' }, secret: expect.stringMatching(/^[\w-]{32}$/) });
    const seen = await api.webhook(cookies.acme);
    expect(seen.body.webhook.url).toBe('https://hooks.example.com/pulse');
    expect(JSON.stringify(seen.body)).not.toContain(ok.body.secret);
    expect((await api.webhook(cookies.globex)).body.webhook).toBeNull();
    expect((await api.removeWebhook(cookies.acme)).body.removed).toBe(true);
    expect((await api.webhook(cookies.acme)).body.webhook).toBeNull();
  });

  it('serves the delivery log to signed-in users only', async () => {
    const r = await api.webhookDeliveries(cookies.acme);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ deliveries: [] });
    expect((await api.webhookDeliveries()).status).toBe(401);
  });
});

describe('documents and probes', () => {
  it('serves liveness, readiness with freshness, Prometheus metrics and the OpenAPI document', async () => {
    expect((await api.health()).body).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const ready = await api.ready();
    expect(ready.body).toMatchObject({ status: 'ready', engine: 'embedded' });
    // The sample world is complete to one instant for every tenant: readiness and answers agree on it.
    const kpis = await api.query({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } }, cookies.acme);
    expect(ready.body.datasources.logins.dataUntil).toBe(kpis.body.meta.dataUntil);
    expect(await metrics().registry.metrics()).toMatch(/pulse_engine_queries_total\{engine="embedded",outcome="ok"\} \d+/);
    const doc = (await api.openapi()).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/session', '/api/query', '/api/values', '/api/dashboards/{id}']));
    const request = doc.paths['/api/query'].post.requestBody.content['application/json'].schema.$ref.split('/').pop();
    expect(doc.components.schemas[request].properties.view).toEqual({ $ref: '#/components/schemas/View' });
  });

  it('lists dashboards and hides measure SQL', async () => {
    expect((await api.dashboards(cookies.globex)).body.dashboards).toHaveLength(6);
    const d = await api.dashboard('security-logins', cookies.globex);
    expect(JSON.stringify(d.body)).not.toMatch(/COUNT|SUM\(/);
    expect((await api.dashboard('nope', cookies.globex)).status).toBe(404);
  });
});
