import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveQuery, type RawRequest } from '@/lib/api/query-endpoint';
import { getRuntime } from '@/lib/runtime/runtime';
import { getSite } from '@/lib/runtime/site';
import { cookieFor } from '@/lib/testing/api-client';
import { proxy } from '@/proxy';
import * as queryRoute from './query/route';
import * as sessionRoute from './session/route';
import * as valuesRoute from './values/route';
import * as webhookRoute from './webhook/route';

process.env.PULSE_LIVE = 'off';

const SECURITY = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': expect.stringContaining('geolocation=()'),
};
const headersOf = (res: Response) => Object.fromEntries(res.headers);
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

let acme: string;
beforeAll(async () => {
  await getRuntime();
  acme = await cookieFor('demo@acme.test');
});

describe('proxy.ts: headers on everything Next.js serves', () => {
  it('gives each page a CSP with a fresh nonce, and hands the same CSP to the renderer', async () => {
    const pages = await Promise.all(['/d/cluster-overview', '/login', '/', '/no-such-page'].map((p) => proxy(new NextRequest(`http://localhost:3000${p}`))));
    const nonces = pages.map((res) => {
      expect(headersOf(res)).toMatchObject(SECURITY);
      const csp = res.headers.get('content-security-policy');
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      // NextResponse.next({request: {headers}}) passes the overridden request headers this way.
      expect(res.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
      return nonceOf(csp);
    });
    expect(new Set(nonces).size).toBe(pages.length);
  });

  it('puts the no-source CSP and the other headers on API answers and static files, without a nonce', async () => {
    for (const path of ['/api/dashboards', '/_next/static/chunks/app.js', '/icon.svg', '/embed.js']) {
      const res = await proxy(new NextRequest(`http://localhost:3000${path}`));
      expect(res.headers.get('x-middleware-next'), path).toBe('1');
      expect(headersOf(res), path).toMatchObject({ ...SECURITY, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
    }
  });

  it('refuses a state-changing API request from a foreign Origin with a JSON 403, and lets same-site and Origin-less ones through', async () => {
    const send = (method: string, headers: Record<string, string>) => proxy(new NextRequest('http://localhost:3000/api/webhook', { method, headers: { host: 'localhost:3000', ...headers } }));
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await send(method, { origin: 'https://evil.example' });
      expect(res.status, method).toBe(403);
      expect(headersOf(res)).toMatchObject({ ...SECURITY, 'content-type': 'application/json; charset=utf-8' });
      expect((await res.json()).error).toMatchObject({ code: 'forbidden', requestId: res.headers.get('x-request-id') });
    }
    expect((await send('PUT', { origin: 'http://localhost:3000' })).headers.get('x-middleware-next')).toBe('1');
    expect((await send('PUT', {})).headers.get('x-middleware-next')).toBe('1');
    expect((await send('GET', { origin: 'https://evil.example' })).headers.get('x-middleware-next')).toBe('1');
  });
});

describe('the POST /api/query fast path (scripts/serve.mjs): the same headers and Origin check', () => {
  const body = JSON.stringify({ dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } });
  const raw = (extra: Partial<RawRequest>): RawRequest => ({
    cookie: acme,
    authorization: undefined,
    contentType: 'application/json',
    contentLength: undefined,
    ifNoneMatch: undefined,
    acceptEncoding: undefined,
    requestId: undefined,
    origin: undefined,
    host: 'localhost:3000',
    body: (async function* () {
      yield Buffer.from(body);
    })(),
    signal: new AbortController().signal,
    ...extra,
  });

  it('answers with the security headers, from no Origin and from its own', async () => {
    for (const origin of [undefined, 'http://localhost:3000']) {
      const res = await serveQuery(raw({ origin }), getRuntime, getSite());
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({ ...SECURITY, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'content-type': 'application/json; charset=utf-8' });
    }
  });

  it('is 403 forbidden from a foreign Origin, before the session or the body is looked at, with the same headers', async () => {
    const res = await serveQuery(raw({ origin: 'https://evil.example', cookie: undefined }), getRuntime, getSite());
    expect(res.status).toBe(403);
    expect(res.headers).toMatchObject(SECURITY);
    expect(JSON.parse(res.body!.toString()).error.code).toBe('forbidden');
  });

  it('puts the headers on errors too', async () => {
    const res = await serveQuery(raw({ contentType: 'text/plain' }), getRuntime, getSite());
    expect(res.status).toBe(415);
    expect(res.headers).toMatchObject(SECURITY);
  });
});

describe('strict content types on every JSON body', () => {
  const table: [contentType: string | undefined, accepted: boolean][] = [
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    ['application/json ; charset="utf-8"', true],
    ['application/jsonx', false],
    ['application/json-patch+json', false],
    ['application/merge-patch+json', false],
    ['application/vnd.api+json', false],
    ['application/json; charset=latin1', false],
    ['application/json; boundary=x', false],
    ['application/json; charset=utf-8; x=y', false],
    ['application/json,text/plain', false],
    ['text/json', false],
    ['text/plain', false],
    ['multipart/form-data; boundary=x', false],
    ['application/x-www-form-urlencoded', false],
    ['', false],
    [undefined, false],
  ];
  const valuesBody = { dashboard: 'security-logins', dim: 'country', view: { range: { last: 'PT1H' } } };
  const request = (path: string, method: string, body: unknown, contentType: string | undefined, cookie?: string) => {
    const headers = new Headers(cookie ? { cookie } : {});
    if (contentType !== undefined) headers.set('content-type', contentType);
    return new Request(`http://pulse.test${path}`, { method, headers, body: JSON.stringify(body) });
  };
  const endpoints: [name: string, send: (ct: string | undefined) => Promise<Response>][] = [
    ['POST /api/query', (ct) => queryRoute.POST(request('/api/query', 'POST', { dashboard: 'security-logins', panel: 'kpis', view: { range: { last: 'P1D' } } }, ct, acme))],
    ['POST /api/values', (ct) => valuesRoute.POST(request('/api/values', 'POST', valuesBody, ct, acme))],
    ['PUT /api/webhook', (ct) => webhookRoute.PUT(request('/api/webhook', 'PUT', { url: 'not a url' }, ct, acme))],
    ['POST /api/session', (ct) => sessionRoute.POST(request('/api/session', 'POST', { email: 'demo@acme.test', password: 'demo' }, ct))],
  ];
  for (const [name, send] of endpoints) {
    it(`${name}: only application/json (charset utf-8 at most) gets past 415`, async () => {
      for (const [contentType, accepted] of table) {
        const res = await send(contentType);
        if (accepted) expect(res.status, String(contentType)).not.toBe(415);
        else {
          expect(res.status, String(contentType)).toBe(415);
          expect((await res.json()).error.code).toBe('unsupported_media_type');
        }
      }
    });
  }
});
