import { SignJWT, type JWTPayload } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '@/lib/runtime/runtime';
import { dashboardDocument } from '@/lib/dashboards/registry';
import { adminApi, api, cookieFor, get, post, workspaceApi } from '@/lib/testing/api-client';
import { readEvents } from '@/lib/testing/sse';
import { proxy } from '@/proxy';
import * as alertsRoute from './alerts/route';
import * as dashboardRoute from './dashboards/[id]/route';
import * as dashboardsRoute from './dashboards/route';
import * as explainRoute from './explain/route';
import * as queryRoute from './query/route';
import * as rowsRoute from './rows/route';
import * as sessionRoute from './session/route';
import * as streamRoute from './stream/route';
import * as valuesRoute from './values/route';
import * as webhookRoute from './webhook/route';

/** Issued through the admin API in beforeAll, as a tenant admin would. */
let SECRET: string;
const HOST = 'http://127.0.0.1:4620';
process.env.PULSE_LIVE = 'off';

const EU = 'acme-prod-eu';
const US = 'acme-prod-us';
const lockedTo = (cluster: string) => [{ dim: 'cluster', op: 'in', values: [cluster] }];

function token(over: JWTPayload = {}, secret = SECRET): Promise<string> {
  return new SignJWT({ tenant: 'acme', sub: 'customer-7', aud: 'pulseboard', dashboards: ['cluster-overview'], filters: lockedTo(EU), exp: Math.floor(Date.now() / 1000) + 300, ...over })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
}

/** A request as the vendor's backend (or the iframe) sends it: the token as Authorization: Bearer. */
function withBearer(req: Request, bearer: string): Request {
  const headers = new Headers(req.headers);
  headers.set('authorization', `Bearer ${bearer}`);
  return new Request(req.url, { method: req.method, headers, body: req.body, duplex: 'half' } as RequestInit);
}

async function reply(res: Response) {
  return { status: res.status, body: await res.json() };
}

const throughput = (filters: unknown[] = []) => ({ dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' }, tz: 'UTC', filters } });
const clustersIn = (rows: unknown[][]) => new Set(rows.map((r) => r[1]));
const query = async (body: unknown, bearer: string) => reply(await queryRoute.POST(withBearer(post('/api/query', body), bearer)));
const values = async (body: unknown, bearer: string) => reply(await valuesRoute.POST(withBearer(post('/api/values', body), bearer)));
const explain = async (body: unknown, bearer: string) => reply(await explainRoute.POST(withBearer(post('/api/explain', body), bearer)));
const rows = async (body: unknown, bearer: string) => reply(await rowsRoute.POST(withBearer(post('/api/rows', body), bearer)));

let acmeCookie: string;
let globexCookie: string;
beforeAll(async () => {
  await getRuntime();
  acmeCookie = await cookieFor('demo@acme.test');
  globexCookie = await cookieFor('demo@globex.test');
  SECRET = (await adminApi.issueEmbedSecret(acmeCookie)).body.secret;
  expect((await adminApi.setEmbed({ allowedOrigins: [HOST, 'https://app.acme.example'], jwksUrl: null }, acmeCookie)).status).toBe(200);
});

describe('an embed token on every reading endpoint', () => {
  it('lists and opens only the dashboards the token names (others 403)', async () => {
    const t = await token();
    const list = await reply(await dashboardsRoute.GET(withBearer(get('/api/dashboards'), t)));
    expect(list.status).toBe(200);
    expect(list.body.dashboards.map((d: { id: string }) => d.id)).toEqual(['cluster-overview']);
    expect((await reply(await dashboardRoute.GET(withBearer(get('/api/dashboards/cluster-overview'), t)))).status).toBe(200);
    const other = await reply(await dashboardRoute.GET(withBearer(get('/api/dashboards/security-logins'), t)));
    expect(other).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const otherPanel = await query({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } }, t);
    expect(otherPanel).toMatchObject({ status: 403, body: { error: { code: 'forbidden', path: 'dashboard' } } });
  });

  it("opens a dashboard the tenant built when the token names it, locked as the rest; another tenant's is not found", async () => {
    const source = dashboardDocument('cluster-overview')!;
    const ours = (await workspaceApi.createDashboard({ ...source, title: 'Our embed' }, acmeCookie)).body.id;
    const theirs = (await workspaceApi.createDashboard({ ...source, title: 'Globex only' }, globexCookie)).body.id;
    const t = await token({ dashboards: [ours, theirs] });
    const list = await reply(await dashboardsRoute.GET(withBearer(get('/api/dashboards'), t)));
    expect(list.body.dashboards.map((d: { id: string }) => d.id)).toEqual([ours]);
    expect((await reply(await dashboardRoute.GET(withBearer(get(`/api/dashboards/${ours}`), t)))).body.dashboard.title).toBe('Our embed');
    const split = { dashboard: ours, panel: 'throughput', view: { range: { last: 'P1D' } } };
    const answer = await query(split, t);
    expect(answer.body.columns.map((c: { name: string }) => c.name)).toEqual(['t', 'cluster', 'bytes_in']);
    expect(new Set(answer.body.rows.map((r: unknown[]) => r[1]))).toEqual(new Set([EU]));
    expect((await reply(await dashboardRoute.GET(withBearer(get(`/api/dashboards/${theirs}`), t)))).status).toBe(404);
    expect((await query({ ...split, dashboard: theirs }, t)).status).toBe(404);
  });

  it('answers queries within the locked filter only, whatever the body asks for', async () => {
    const t = await token();
    const mine = await query(throughput(), t);
    expect(mine.status).toBe(200);
    expect(mine.body.rows.length).toBeGreaterThan(0);
    expect(clustersIn(mine.body.rows)).toEqual(new Set([EU]));
    // Asking for the other cluster narrows to nothing; excluding the locked one too; a contains on it as well.
    for (const filters of [[{ dim: 'cluster', op: 'in', values: [US] }], [{ dim: 'cluster', op: 'in', values: [US, EU] }], [{ dim: 'cluster', op: 'not_in', values: [EU] }]]) {
      const asked = await query(throughput(filters), t);
      expect(asked.status).toBe(200);
      expect([...clustersIn(asked.body.rows)].filter((c) => c !== EU), JSON.stringify(filters)).toEqual([]);
    }
    expect((await query(throughput([{ dim: 'cluster', op: 'in', values: [US] }]), t)).body.rows).toEqual([]);
    expect((await query(throughput([{ dim: 'cluster', op: 'not_in', values: [EU] }]), t)).body.rows).toEqual([]);
  });

  it('draws the expected range from the locked filter’s weeks only', async () => {
    const body = { dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' }, tz: 'UTC', split: null }, expected: true };
    const locked = await query(body, await token());
    expect(locked.status).toBe(200);
    expect(locked.body.expected.rows.length).toBeGreaterThan(0);
    const asUser = (filters: unknown[]) => api.query({ ...body, view: { ...body.view, filters } }, acmeCookie);
    expect(locked.body.expected).toEqual((await asUser(lockedTo(EU))).body.expected);
    expect(locked.body.expected.rows).not.toEqual((await asUser([])).body.expected.rows);
  });

  it('never replays another principal’s answer: a signed-in user, then two differently locked tokens, same body', async () => {
    const body = throughput();
    // Twice: the second is a cache hit whose bytes the endpoint keeps for reuse.
    await api.query(body, acmeCookie);
    const user = await api.query(body, acmeCookie);
    expect(clustersIn(user.body.rows)).toEqual(new Set([US, EU]));
    const eu = await query(body, await token({ filters: lockedTo(EU) }));
    const us = await query(body, await token({ filters: lockedTo(US), sub: 'customer-8' }));
    expect(clustersIn(eu.body.rows)).toEqual(new Set([EU]));
    expect(clustersIn(us.body.rows)).toEqual(new Set([US]));
    // And again, now that each has its own entry.
    expect(clustersIn((await query(body, await token({ filters: lockedTo(US), sub: 'customer-9' }))).body.rows)).toEqual(new Set([US]));
  });

  it('explains a change within the locked filter only: the clusters it ranks are the locked one', async () => {
    const t = await token();
    const body = { dashboard: 'cluster-overview', panel: 'kpis', view: { range: { last: 'P1D' }, compare: 'P1D' } };
    const clusters = async (view: object) => {
      const r = await explain({ ...body, view }, t);
      expect(r.status).toBe(200);
      return r.body.dimensions.find((d: { dimension: string }) => d.dimension === 'cluster').values.map((v: { value: string }) => v.value);
    };
    expect(await clusters(body.view)).toEqual([EU]);
    // Asking for another cluster narrows within the lock: nothing, never the other cluster.
    expect(await clusters({ ...body.view, filters: lockedTo(US) })).toEqual([]);
    expect((await explain({ ...body, dashboard: 'security-logins' }, t)).status).toBe(403);
  });

  it('shows only the locked filter’s rows: asking for another cluster, in the view or as the clicked value, narrows within it', async () => {
    const t = await token();
    const body = { dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'PT6H' } }, pageSize: 200 };
    const clusters = async (over: object) => {
      const r = await rows({ ...body, ...over }, t);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const at = r.body.columns.findIndex((c: { name: string }) => c.name === 'cluster');
      return new Set(r.body.rows.map((row: unknown[]) => row[at]));
    };
    expect(await clusters({})).toEqual(new Set([EU]));
    expect(await clusters({ view: { ...body.view, filters: lockedTo(US) } })).toEqual(new Set());
    expect(await clusters({ at: { values: { cluster: US } } })).toEqual(new Set());
    // The same request with a session sees every cluster of the tenant.
    const all = await api.rows(body, acmeCookie);
    expect(new Set(all.body.rows.map((row: unknown[]) => row[1]))).toEqual(new Set([EU, US]));
    expect((await rows({ ...body, dashboard: 'security-logins', panel: 'kpis' }, t)).status).toBe(403);
  });

  it('streams within the locked filter only: the first event’s series equals the query answer with the token', async () => {
    const t = await token();
    const open = (dashboard: string, extra = '') => {
      const abort = new AbortController();
      const req = withBearer(new Request(`http://pulse.test/api/stream?dashboard=${dashboard}&v=1&r=P1D&tz=UTC${extra}`, { signal: abort.signal }), t);
      return { res: streamRoute.GET(new Request(req, { signal: abort.signal })), abort };
    };
    const { res, abort } = open('cluster-overview', `&in.cluster=${US}`);
    const response = await res;
    expect(response.status).toBe(200);
    const updates = JSON.parse((await readEvents(response).next()).data).updates as { panel: string; rows: { add: unknown[][] } }[];
    abort.abort();
    const series = updates.find((u) => u.panel === 'throughput')!;
    // The view asked for the other cluster: within the lock that is nothing, never the other cluster's rows.
    expect(series.rows.add).toEqual((await query(throughput(lockedTo(US)), t)).body.rows);
    const eu = open('cluster-overview');
    const all = JSON.parse((await readEvents(await eu.res).next()).data).updates as { panel: string; rows: { add: unknown[][] } }[];
    eu.abort.abort();
    expect(clustersIn(all.find((u) => u.panel === 'throughput')!.rows.add)).toEqual(new Set([EU]));
    expect(all.find((u) => u.panel === 'throughput')!.rows.add).toEqual((await query(throughput(), t)).body.rows);
    expect((await open('security-logins').res).status).toBe(403);
  });

  it('suggests only locked values, even for the locked dimension itself', async () => {
    const t = await token();
    const all = await values({ dashboard: 'cluster-overview', dim: 'cluster', view: { range: { last: 'P1D' } } }, t);
    expect(all.status).toBe(200);
    expect(all.body.values.map((v: { value: string }) => v.value)).toEqual([EU]);
    const searched = await values({ dashboard: 'cluster-overview', dim: 'cluster', search: 'us', view: { range: { last: 'P1D' }, filters: [{ dim: 'cluster', op: 'in', values: [US] }] } }, t);
    expect(searched.body.values).toEqual([]);
    const brokers = await values({ dashboard: 'cluster-overview', dim: 'broker', view: { range: { last: 'P1D' } } }, t);
    expect(brokers.body.values.length).toBeGreaterThan(0);
    expect(brokers.body.values.every((v: { value: string }) => v.value.startsWith('acme-eu-'))).toBe(true);
    expect((await values({ dashboard: 'security-logins', dim: 'country', view: { range: { last: 'P1D' } } }, t)).status).toBe(403);
  });

  it('refuses a dashboard its locked filters cannot apply to, rather than answering it unfiltered', async () => {
    const t = await token({ dashboards: ['cluster-overview', 'security-logins'] });
    const res = await query({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } }, t);
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
  });

  it('reads as the token even when the browser also sends a session cookie of another tenant', async () => {
    const req = withBearer(post('/api/query', throughput(), { cookie: globexCookie }), await token());
    const res = await reply(await queryRoute.POST(req));
    expect(clustersIn(res.body.rows)).toEqual(new Set([EU]));
  });
});

describe('what an embed token may not do', () => {
  it('changes nothing and reads neither alerts nor webhooks nor the session: 403', async () => {
    const t = await token();
    const put = new Request('http://pulse.test/api/webhook', { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` }, body: JSON.stringify({ url: 'https://example.com/hook' }) });
    for (const res of [
      await webhookRoute.PUT(put),
      await webhookRoute.DELETE(withBearer(new Request('http://pulse.test/api/webhook', { method: 'DELETE' }), t)),
      await webhookRoute.GET(withBearer(get('/api/webhook'), t)),
      await alertsRoute.GET(withBearer(get('/api/alerts'), t)),
      await sessionRoute.GET(withBearer(get('/api/session'), t)),
    ]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
  });

  it('a bad token is a JSON 401 on every reading endpoint, never a 500', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad = {
      expired: await token({ exp: now - 10 }),
      tampered: (await token()).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify({ tenant: 'acme', sub: 'x', aud: 'pulseboard', dashboards: ['cluster-overview'], exp: now + 60 })).toString('base64url')}.`),
      wrongAudience: await token({ aud: 'grafana' }),
      wrongKey: await token({}, 'not-the-acme-secret-at-all-'.padEnd(48, 'x')),
      algNone: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ tenant: 'acme', sub: 'x', aud: 'pulseboard', dashboards: ['cluster-overview'], exp: now + 60 })).toString('base64url')}.`,
      tooLongLived: await token({ exp: now + 7200 }),
      unknownTenant: await token({ tenant: 'globex' }),
    };
    for (const [name, t] of Object.entries(bad)) {
      for (const res of [
        await queryRoute.POST(withBearer(post('/api/query', throughput()), t)),
        await valuesRoute.POST(withBearer(post('/api/values', { dashboard: 'cluster-overview', dim: 'cluster', view: { range: { last: 'P1D' } } }), t)),
        await dashboardsRoute.GET(withBearer(get('/api/dashboards'), t)),
        await dashboardRoute.GET(withBearer(get('/api/dashboards/cluster-overview'), t)),
      ]) {
        expect(res.status, `${name} ${res.url}`).toBe(401);
        const { error } = await res.json();
        expect(error, name).toMatchObject({ code: 'unauthenticated', requestId: res.headers.get('x-request-id') });
      }
    }
  });
});

describe('framing', () => {
  const ancestors = async (path: string) => {
    const csp = (await proxy(new NextRequest(`http://localhost:3000${path}`))).headers.get('content-security-policy') ?? '';
    return /(?:^|; )frame-ancestors ([^;]*)/.exec(csp)?.[1];
  };

  it("lets the tenant's allowed origins frame its /embed pages, and nobody else frame anything", async () => {
    expect(await ancestors('/embed/acme/cluster-overview')).toBe(`${HOST} https://app.acme.example`);
    expect(await ancestors('/embed/globex/cluster-overview')).toBe("'none'");
    expect(await ancestors('/embed/%E0%A4%A/cluster-overview')).toBe("'none'");
    expect(await ancestors('/d/cluster-overview')).toBe("'none'");
    expect(await ancestors('/embed')).toBe("'none'");
  });
});
