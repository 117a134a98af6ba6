import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startApp, type App } from '@/bench/server';

/** The built app as `npm start` runs it (scripts/serve.mjs, proxy.ts, the fast path), in this suite's port block. */
const PORT = 3805;

let app: App;
let cookie: string;
beforeAll(async () => {
  app = await startApp(PORT, { PULSE_LOG_LEVEL: 'warn' });
  cookie = await login(app.url);
}, 300_000);
afterAll(() => app?.stop());

const SECURITY = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin', 'permissions-policy': expect.stringContaining('camera=()') };
const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'";
const query = JSON.stringify({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } });
const send = (path: string, init: RequestInit = {}) => fetch(`${app.url}${path}`, { redirect: 'manual', ...init });
const headersOf = (res: Response) => Object.fromEntries(res.headers);

describe('headers on every response of the running app', () => {
  it('pages (the 404 page too) get a nonce CSP, a fresh nonce each time', async () => {
    const nonces = [];
    for (const path of ['/login', '/d/security-logins', '/no-such-page', '/login']) {
      const res = await send(path, { headers: { cookie } });
      expect(headersOf(res), path).toMatchObject(SECURITY);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      // Next.js put this response's nonce on its scripts.
      expect(await res.text(), path).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(4);
  });

  it('API answers, the fast path, errors, 405s, unknown API paths and static files get the no-source CSP', async () => {
    const html = await (await send('/login')).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    const answers: [string, Response, number][] = [
      ['GET /api/health', await send('/api/health'), 200],
      ['GET /api/dashboards', await send('/api/dashboards', { headers: { cookie } }), 200],
      ['POST /api/query (fast path)', await send('/api/query', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: query }), 200],
      ['POST /api/query 401', await send('/api/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: query }), 401],
      ['POST /api/query 415', await send('/api/query', { method: 'POST', headers: { cookie, 'content-type': 'application/jsonx' }, body: query }), 415],
      ['GET /api/nowhere', await send('/api/nowhere'), 404],
      ['PATCH /api/query', await send('/api/query', { method: 'PATCH' }), 405],
      ['static script', await send(asset), 200],
    ];
    for (const [name, res, status] of answers) {
      expect(res.status, name).toBe(status);
      expect(headersOf(res), name).toMatchObject({ ...SECURITY, 'content-security-policy': NON_PAGE_CSP });
      expect(res.headers.get('strict-transport-security'), name).toBeNull();
    }
  });
});

describe('Origin of state-changing requests', () => {
  const CHANGES: [string, string, Record<string, string>, string | undefined][] = [
    ['POST', '/api/query', { 'content-type': 'application/json' }, query],
    ['POST', '/api/values', { 'content-type': 'application/json' }, JSON.stringify({ dashboard: 'security-logins', dim: 'country', view: { range: { last: 'P1D' } } })],
    ['PUT', '/api/webhook', { 'content-type': 'application/json' }, JSON.stringify({ url: 'http://127.0.0.1:1/x' })],
    ['POST', '/api/session', { 'content-type': 'application/json' }, JSON.stringify({ email: 'demo@acme.test', password: 'demo' })],
    ['DELETE', '/api/webhook', {}, undefined],
  ];
  for (const [method, path, headers, body] of CHANGES) {
    it(`${method} ${path}: a foreign Origin is 403 forbidden; its own, the public URL's and none are not`, async () => {
      const ask = (origin?: string) => send(path, { method, body, headers: { cookie, ...headers, ...(origin ? { origin } : {}) } });
      for (const foreign of ['https://evil.example', 'null', `http://127.0.0.1:${PORT + 1}`]) {
        const res = await ask(foreign);
        expect(res.status, foreign).toBe(403);
        expect(headersOf(res)).toMatchObject(SECURITY);
        expect((await res.json()).error).toMatchObject({ code: 'forbidden', requestId: res.headers.get('x-request-id') });
      }
      for (const allowed of [`http://127.0.0.1:${PORT}`, 'http://localhost:3000', undefined]) expect((await ask(allowed)).status, String(allowed)).not.toBe(403);
    });
  }
});

describe('operations endpoints', () => {
  it('has no metrics on the public port; the loopback listener serves the registry', async () => {
    const pub = await send('/api/metrics');
    expect(pub.status).toBe(404);
    expect((await pub.json()).error.code).toBe('not_found');
    const scraped = await fetch(app.metricsUrl);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await scraped.text()).toMatch(/pulse_http_requests_total\{route="query",status="200"\} [1-9]/);
  });

  it('answers liveness without the engine and readiness from a check reused for seconds', async () => {
    expect(await (await send('/api/health')).json()).toEqual({ status: 'ok', uptimeSeconds: expect.any(Number) });
    const first = await (await send('/api/health/ready')).json();
    expect(first).toMatchObject({ status: 'ready', engine: 'embedded', datasources: { logins: { dataUntil: expect.any(String) } } });
    const burst = await Promise.all(Array.from({ length: 50 }, async () => (await send('/api/health/ready')).json()));
    // One check answers them all (within its 5 s), so the engine saw one round of questions.
    expect(new Set(burst.map((b) => b.checkedAt)).size).toBeLessThanOrEqual(2);
  });
});
