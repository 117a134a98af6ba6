import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth, type OnSignIn, type SignInEvent } from '@/lib/auth/auth';
import { PEER_ADDRESS_HEADER } from '@/lib/auth/client-address';
import { cookiePolicy } from '@/lib/auth/cookies';
import { keyRing } from '@/lib/auth/keys';
import { LoginLimiter } from '@/lib/auth/login-limiter';
import { OidcSignIn, type OidcSettings } from '@/lib/auth/oidc';
import { MemorySessionStore } from '@/lib/auth/session-store';
import { oidcProblemMessage } from '@/lib/contract/oidc';
import { startTestProvider, TEST_CLIENT, type TestProvider } from '@/lib/testing/oidc-provider';
import { freePort } from '@/lib/testing/redis-server';
import { oidcCallback, oidcStart } from './oidc-endpoints';
import { RequestContext } from './request-context';

const APP = 'http://pulse.test';
const CALLBACK = `${APP}/api/auth/oidc/callback`;

function setUp(issuer: string, onSignIn?: OnSignIn): { oidc: OidcSignIn; auth: Auth } {
  const keys = keyRing({ secret: 'oidc-test-secret-'.padEnd(40, 'x'), previous: undefined });
  const auth = new Auth({ keys, store: new MemorySessionStore(), limiter: new LoginLimiter(undefined), cookie: cookiePolicy(APP), trustedProxies: [], directory: { findLogin: async () => null }, onSignIn });
  const settings: OidcSettings = {
    issuer: new URL(issuer),
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    redirectUri: CALLBACK,
    scope: 'openid email',
    name: 'Test IdP',
    claims: { tenant: 'tenant', role: 'role' },
    timeoutMs: 2_000,
  };
  return { oidc: new OidcSignIn(settings, { auth, keys }), auth };
}

const signIn = (issuer: string) => setUp(issuer).oidc;

type As = 'browser' | 'api';
const request = (url: string, as: As, headers: Record<string, string> = {}) =>
  new Request(url, { headers: { accept: as === 'browser' ? 'text/html,application/xhtml+xml' : 'application/json', [PEER_ADDRESS_HEADER]: '203.0.113.7', ...headers } });
const ctx = () => new RequestContext('oidc-test', 'GET', null);

/** Starts a sign-in as a browser would: the provider's URL and the flow cookie (name=value). */
async function started(oidc: OidcSignIn, next = '/d/alerts?v=1&r=PT6H') {
  const res = await oidcStart(request(`${APP}/api/auth/oidc/start`, 'browser'), ctx(), oidc, next);
  expect(res.status).toBe(303);
  return { authorize: new URL(res.headers.get('location')!), setCookie: res.headers.get('set-cookie')!, cookie: res.headers.get('set-cookie')!.split(';')[0]! };
}

/**
 * A user at the provider's own pages, as a browser would go through them (cookies kept by hand):
 * its sign-in form (any password), its consent form, then its redirect back to the app.
 */
async function atProvider(authorize: URL, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorize.href;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 10; hop++) {
    const res = await fetch(url, { method: body ? 'POST' : 'GET', body, redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (location?.startsWith(CALLBACK)) return new URL(location);
    if (location) {
      url = new URL(location, url).href;
      body = undefined;
      continue;
    }
    // A page: the sign-in form or the consent form, both posting to the interaction's own URL.
    const page = await res.text();
    body = new URLSearchParams(page.includes('name="login"') ? { prompt: 'login', login, password: 'any' } : { prompt: 'consent' });
  }
  throw new Error('the provider did not send the browser back');
}

const callback = (oidc: OidcSignIn, query: Record<string, string>, as: As, cookie?: string) =>
  oidcCallback(request(`${CALLBACK}?${new URLSearchParams(query)}`, as, cookie ? { cookie } : {}), ctx(), oidc);

describe('OpenID Connect sign-in against a real provider', () => {
  let provider: TestProvider;
  let oidc: OidcSignIn;

  beforeAll(async () => {
    provider = await startTestProvider({ port: await freePort(), redirectUris: [CALLBACK] });
    oidc = signIn(provider.issuer);
  });
  afterAll(() => provider?.close());

  it('sends the browser to the provider with a PKCE challenge, state and nonce kept in a signed HttpOnly cookie', async () => {
    const { authorize, setCookie } = await started(oidc);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/auth`);
    const p = authorize.searchParams;
    expect(Object.fromEntries([...p].filter(([k]) => ['client_id', 'redirect_uri', 'response_type', 'scope', 'code_challenge_method'].includes(k)))).toEqual({
      client_id: TEST_CLIENT.id,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(p.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(setCookie).toMatch(/^pb_oidc=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    // The provider accepts the request (client, redirect URI, PKCE) and shows its sign-in page.
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    expect(atProvider.status).toBe(303);
    expect(atProvider.headers.get('location')).toMatch(/^\/interaction\/[\w-]+$/);
  });

  it('completes a sign-in through the provider: the session is the one every route checks, named by the hook (the store)', async () => {
    const events: SignInEvent[] = [];
    const { oidc: hooked, auth } = setUp(provider.issuer, (e) => {
      events.push(e);
      return { ...e.user, tenantName: 'Acme Corp' };
    });
    const { authorize, cookie } = await started(hooked);
    const answer = await atProvider(authorize, 'ann@acme.test');
    const res = await callback(hooked, Object.fromEntries(answer.searchParams), 'browser', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/d/alerts?v=1&r=PT6H');
    const [session, cleared] = res.headers.getSetCookie();
    expect(session).toMatch(/^pb_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    expect(cleared).toBe('pb_oidc=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    const user = { email: 'ann@acme.test', tenant: 'acme', tenantName: 'acme', role: 'editor' };
    expect(await auth.requireUser(request(APP, 'api', { cookie: session!.split(';')[0]! }))).toEqual({ ...user, tenantName: 'Acme Corp' });
    expect(events).toEqual([{ method: 'oidc', user, address: '203.0.113.7', subject: 'ann@acme.test', issuer: `${provider.issuer}/` }]);
    expect(res.headers.get('server-timing')).toMatch(/^callback;dur=[\d.]+, provider;dur=[\d.]+$/);
    // The code is spent: the same answer again (even with its flow cookie) signs nobody in.
    expect((await callback(hooked, Object.fromEntries(answer.searchParams), 'api', cookie)).status).toBe(401);
  });

  it('refuses an answer whose state is not the one this browser started with, and counts it', async () => {
    const { authorize, cookie } = await started(oidc);
    const state = authorize.searchParams.get('state')!;
    // Another last character (a fixed replacement would leave one state in 64 unchanged).
    const tampered = `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`;
    const res = await callback(oidc, { code: 'x', state: tampered }, 'browser', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?error=oidc.state_mismatch&next=%2Fd%2Falerts%3Fv%3D1%26r%3DPT6H');
    expect(res.headers.get('set-cookie')).toBe('pb_oidc=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    const api = await callback(oidc, { code: 'x', state: tampered }, 'api', cookie);
    expect(api.status).toBe(401);
    expect((await api.json()).error).toEqual({ code: 'unauthenticated', message: oidcProblemMessage('state_mismatch', 'Test IdP'), requestId: api.headers.get('x-request-id') });
  });

  it('refuses a callback without the flow cookie, or with one signed by someone else', async () => {
    const { authorize, cookie } = await started(oidc);
    const query = { code: 'x', state: authorize.searchParams.get('state')! };
    expect((await callback(oidc, query, 'browser')).headers.get('location')).toBe('/login?error=oidc.expired');
    const [name, token] = cookie.split('=');
    const [h, p] = token!.split('.');
    const forged = `${name}=${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    const res = await callback(oidc, query, 'api', forged);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe(oidcProblemMessage('expired', 'Test IdP'));
  });

  it('says the sign-in was cancelled when the provider answers access_denied', async () => {
    const { authorize, cookie } = await started(oidc, '/');
    const res = await callback(oidc, { error: 'access_denied', error_description: 'End-User aborted interaction', state: authorize.searchParams.get('state')!, iss: provider.issuer }, 'browser', cookie);
    expect(res.headers.get('location')).toBe('/login?error=oidc.denied');
  });

  it('refuses a code the provider did not issue (the exchange fails there)', async () => {
    const { authorize, cookie } = await started(oidc);
    const res = await callback(oidc, { code: 'forged-code', state: authorize.searchParams.get('state')!, iss: provider.issuer }, 'api', cookie);
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toBe(oidcProblemMessage('unverified', 'Test IdP'));
  });

  it('answers 429 with Retry-After once an address has failed too often, before talking to the provider', async () => {
    const flooded = signIn(provider.issuer);
    for (let i = 0; i < 21; i++) await callback(flooded, { code: 'x', state: 'y' }, 'api');
    const res = await callback(flooded, { code: 'x', state: 'y' }, 'api');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    const start = await oidcStart(request(`${APP}/api/auth/oidc/start`, 'browser'), ctx(), flooded, '/');
    expect(start.headers.get('location')).toBe('/login?error=oidc.rate_limited');
  });
});

describe('OpenID Connect sign-in without a provider', () => {
  it('says the provider cannot be reached: 503 with Retry-After for the API, the sign-in page for a browser', async () => {
    const down = signIn(`http://127.0.0.1:${await freePort()}`);
    const api = await oidcStart(request(`${APP}/api/auth/oidc/start`, 'api'), ctx(), down, '/');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');
    expect((await api.json()).error.message).toBe('Test IdP cannot be reached right now. Try again in a moment, or sign in with your email and password.');
    const browser = await oidcStart(request(`${APP}/api/auth/oidc/start`, 'browser'), ctx(), down, '/d/alerts');
    expect(browser.headers.get('location')).toBe('/login?error=oidc.unavailable&next=%2Fd%2Falerts');
  });

  it('is 404 when single sign-on is not configured', async () => {
    const res = await oidcCallback(request(CALLBACK, 'api'), ctx(), undefined);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
