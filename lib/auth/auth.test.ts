import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { Auth, type OnSignIn, type SessionLedger, type SignInEvent } from './auth';
import { PEER_ADDRESS_HEADER } from './client-address';
import { cookiePolicy } from './cookies';
import { keyRing } from './keys';
import { LoginLimiter } from './login-limiter';
import { hashPassword } from './password';
import { MemorySessionStore } from './session-store';
import type { Login, UserDirectory } from './users';

const SECRET = 'current-secret-'.padEnd(40, 'x');
const OLD_SECRET = 'previous-secret-'.padEnd(40, 'y');

/** The directory as the database answers it, for these unit tests: two accounts with password "demo", one without a password. */
const accounts = new Map<string, Login>();
const directory: UserDirectory = { findLogin: async (email) => accounts.get(email) ?? null };
beforeAll(async () => {
  const hash = await hashPassword('demo');
  accounts.set('demo@acme.test', { user: { email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'admin' }, passwordHash: hash });
  accounts.set('demo@globex.test', { user: { email: 'demo@globex.test', tenant: 'globex', tenantName: 'Globex', role: 'admin' }, passwordHash: hash });
  accounts.set('ops@acme.test', { user: { email: 'ops@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'viewer' }, passwordHash: hash });
  accounts.set('sso@acme.test', { user: { email: 'sso@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'viewer' }, passwordHash: null });
});

function makeAuth(opts: { secret?: string; previous?: string; publicUrl?: string; ledger?: SessionLedger; onSignIn?: OnSignIn } = {}) {
  return new Auth({
    keys: keyRing({ secret: opts.secret ?? SECRET, previous: opts.previous }),
    store: new MemorySessionStore(),
    limiter: new LoginLimiter(undefined),
    cookie: cookiePolicy(opts.publicUrl ?? 'http://localhost:3000'),
    trustedProxies: [],
    directory,
    ledger: opts.ledger,
    onSignIn: opts.onSignIn,
  });
}

const signInRequest = (peer = '203.0.113.5') => new Request('http://pulse.test/api/session', { method: 'POST', headers: { [PEER_ADDRESS_HEADER]: peer } });
const withCookie = (setCookie: string) => new Request('http://pulse.test/api/session', { headers: { cookie: setCookie.split(';')[0]! } });

async function errorCode(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (err) {
    if (!isAppError(err)) throw err;
    return err.code;
  }
}

describe('sessions', () => {
  it('signs in, checks the session on each request, and revokes it on sign-out', async () => {
    const auth = makeAuth();
    const { user, setCookie } = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
    expect(user).toEqual({ email: 'demo@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'admin' });
    expect(setCookie).toMatch(/^pb_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    expect(await auth.requireUser(withCookie(setCookie))).toEqual(user);
    expect(await auth.signOut(withCookie(setCookie))).toBe('pb_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect(await errorCode(auth.requireUser(withCookie(setCookie)))).toBe('unauthenticated');
    // Another session of the same user is untouched.
    const again = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
    expect(await auth.requireUser(withCookie(again.setCookie))).toEqual(user);
  });

  it('gives each sign-in its own random session id, named in the token with the key id', async () => {
    const auth = makeAuth();
    const claims = async () => {
      const { setCookie } = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
      const [h, p] = setCookie.split(';')[0]!.split('=')[1]!.split('.');
      return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), payload: JSON.parse(Buffer.from(p!, 'base64url').toString()) };
    };
    const [a, b] = [await claims(), await claims()];
    expect(a.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: keyRing({ secret: SECRET, previous: undefined }).current.kid });
    expect(a.payload.jti).toMatch(/^[\w-]{24}$/);
    expect(a.payload.jti).not.toBe(b.payload.jti);
  });

  it('keeps sessions signed with the previous key valid after a rotation, and no others', async () => {
    const before = makeAuth({ secret: OLD_SECRET });
    const { setCookie } = await before.signIn(signInRequest(), 'demo@globex.test', 'demo');
    const rotated = makeAuth({ secret: SECRET, previous: OLD_SECRET });
    expect((await rotated.requireUser(withCookie(setCookie))).tenant).toBe('globex');
    const rotatedTwice = makeAuth({ secret: 'third-secret-'.padEnd(40, 'z'), previous: SECRET });
    expect(await errorCode(rotatedTwice.requireUser(withCookie(setCookie)))).toBe('unauthenticated');
  });

  it('refuses a token without a key id, or naming a key id with another key', async () => {
    const auth = makeAuth();
    const key = new TextEncoder().encode(SECRET);
    const kid = keyRing({ secret: SECRET, previous: undefined }).current.kid;
    const sign = (header: { alg: 'HS256'; kid?: string }, k: Uint8Array, claims: Record<string, string> = { tenant: 'acme', role: 'viewer' }) =>
      new SignJWT(claims).setProtectedHeader(header).setSubject('x@acme.test').setJti('id').setIssuer('pulseboard').setExpirationTime('1h').sign(k);
    expect(await errorCode(auth.requireUser(withCookie(`pb_session=${await sign({ alg: 'HS256' }, key)}`)))).toBe('unauthenticated');
    expect(await errorCode(auth.requireUser(withCookie(`pb_session=${await sign({ alg: 'HS256', kid }, new TextEncoder().encode(OLD_SECRET))}`)))).toBe('unauthenticated');
    expect((await auth.requireUser(withCookie(`pb_session=${await sign({ alg: 'HS256', kid }, key)}`))).tenant).toBe('acme');
    // A session names the user's role; a token without one (or with another word) is not a session.
    expect(await errorCode(auth.requireUser(withCookie(`pb_session=${await sign({ alg: 'HS256', kid }, key, { tenant: 'acme' })}`)))).toBe('unauthenticated');
    expect(await errorCode(auth.requireUser(withCookie(`pb_session=${await sign({ alg: 'HS256', kid }, key, { tenant: 'acme', role: 'root' })}`)))).toBe('unauthenticated');
  });

  it('sets and reads __Host-pb_session when the public URL is https', async () => {
    const auth = makeAuth({ publicUrl: 'https://pulse.example.com' });
    const { setCookie } = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
    expect(setCookie).toMatch(/^__Host-pb_session=.+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800; Secure$/);
    expect((await auth.requireUser(withCookie(setCookie))).tenant).toBe('acme');
    // The same token under the plain name is not read.
    expect(await errorCode(auth.requireUser(withCookie(setCookie.replace('__Host-', ''))))).toBe('unauthenticated');
  });

  it('tells the sign-in hook of each sign-in, and a hook that throws stops the sign-in', async () => {
    const events: SignInEvent[] = [];
    await makeAuth({ onSignIn: (e) => void events.push(e) }).signIn(signInRequest('203.0.113.9'), 'ops@acme.test', 'demo');
    expect(events).toEqual([{ method: 'password', user: { email: 'ops@acme.test', tenant: 'acme', tenantName: 'Acme Corp', role: 'viewer' }, address: '203.0.113.9' }]);
    const refusing = makeAuth({ onSignIn: () => Promise.reject(new Error('audit log unavailable')) });
    await expect(refusing.signIn(signInRequest(), 'demo@acme.test', 'demo')).rejects.toThrow('audit log unavailable');
  });

  it('refuses an unknown email and an account without a password, whatever password is sent', async () => {
    const auth = makeAuth();
    expect(await errorCode(auth.signIn(signInRequest(), 'nobody@acme.test', 'demo'))).toBe('unauthenticated');
    expect(await errorCode(auth.signIn(signInRequest(), 'sso@acme.test', 'demo'))).toBe('unauthenticated');
    expect(await errorCode(auth.signIn(signInRequest(), ' Demo@ACME.test ', 'demo'))).toBeNull();
  });

  it('records sign-ins, failures and sign-outs, and refuses sessions an admin ended elsewhere', async () => {
    const events: string[] = [];
    const ledger: SessionLedger = {
      signedIn: async (s) => void events.push(`in ${s.user.email} ${s.id.length}`),
      signedOut: async (s) => void events.push(`out ${s.user.email}`),
      failed: async (email, address) => void events.push(`failed ${email} ${address}`),
    };
    const auth = makeAuth({ ledger });
    await errorCode(auth.signIn(signInRequest(), 'demo@acme.test', 'wrong'));
    const first = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
    const second = await auth.signIn(signInRequest(), 'demo@acme.test', 'demo');
    await auth.signOut(withCookie(first.setCookie));
    expect(events).toEqual(['failed demo@acme.test 203.0.113.5', 'in demo@acme.test 24', 'in demo@acme.test 24', 'out demo@acme.test']);
    const session = await auth.sessionFromCookie(withCookie(second.setCookie).headers.get('cookie'));
    await auth.revokeEnded([{ id: session.id, expiresAt: session.expiresAt }]);
    expect(await errorCode(auth.requireUser(withCookie(second.setCookie)))).toBe('unauthenticated');
  });

  it('answers 429 after repeated wrong passwords, before checking the password again', async () => {
    const auth = makeAuth();
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push(await errorCode(auth.signIn(signInRequest(), 'demo@acme.test', 'wrong')));
    expect(codes).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'rate_limited']);
    // Even the right password waits: the guesser cannot learn it is right.
    expect(await errorCode(auth.signIn(signInRequest(), 'demo@acme.test', 'demo'))).toBe('rate_limited');
    expect(await errorCode(auth.signIn(signInRequest('203.0.113.6'), 'demo@globex.test', 'demo'))).toBeNull();
  });
});
