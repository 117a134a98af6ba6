import { SignJWT } from 'jose';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password';
import { getRuntime } from '@/lib/runtime/runtime';
import { adminApi, api, cookieFor, post, tenantsApi } from '@/lib/testing/api-client';
import { proxy } from '@/proxy';
import * as queryRoute from './query/route';

process.env.PULSE_LIVE = 'off';

let acme: string; // demo@acme.test, admin of acme
let ops: string; // ops@acme.test, viewer of acme
let globex: string; // demo@globex.test, admin of globex
const cookieOf = (r: { headers: Headers }) => r.headers.get('set-cookie')!.split(';')[0]!;

beforeAll(async () => {
  await getRuntime();
  [acme, ops, globex] = [await cookieFor('demo@acme.test'), await cookieFor('ops@acme.test'), await cookieFor('demo@globex.test')];
});

const sign = (secret: string, tenant = 'acme') =>
  new SignJWT({ tenant, dashboards: ['cluster-overview'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('vendor-user').setAudience('pulseboard').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
const queryWith = async (token: string) => {
  const req = post('/api/query', { dashboard: 'cluster-overview', panel: 'throughput', view: { range: { last: 'P1D' }, tz: 'UTC' } });
  req.headers.set('authorization', `Bearer ${token}`);
  return (await queryRoute.POST(req)).status;
};
const frameAncestors = async (tenant: string) =>
  /(?:^|; )frame-ancestors ([^;]*)/.exec((await proxy(new NextRequest(`http://localhost:3000/embed/${tenant}/cluster-overview`))).headers.get('content-security-policy') ?? '')?.[1];

describe('embedding settings in the admin API', () => {
  it('is for admins of the tenant only: 401 without a session, 403 for a viewer', async () => {
    const calls = (c?: string) => [adminApi.embed(c), adminApi.setEmbed({ allowedOrigins: [], jwksUrl: null }, c), adminApi.issueEmbedSecret(c), adminApi.removeEmbedSecret(c)];
    for (const r of await Promise.all(calls())) expect([r.status, r.body.error.code]).toEqual([401, 'unauthenticated']);
    for (const r of await Promise.all(calls(ops))) expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('shows a new secret once, then only its fingerprint; stores it encrypted; tokens signed with it work at once', async () => {
    expect((await adminApi.embed(acme)).body).toEqual({ allowedOrigins: [], jwksUrl: null, secret: null, embeds: false });
    const issued = await adminApi.issueEmbedSecret(acme);
    expect(issued.status).toBe(200);
    expect(issued.body.secret).toMatch(/^[\w-]{43}$/);
    const shown = await adminApi.embed(acme);
    expect(shown.body).toEqual({ allowedOrigins: [], jwksUrl: null, secret: { fingerprint: issued.body.fingerprint }, embeds: true });
    expect(JSON.stringify(shown.body)).not.toContain(issued.body.secret);
    const [row] = await (await getRuntime()).store.db.query<{ secret: string }>("select secret from tenant_embed where tenant_id = 'acme'");
    expect(row!.secret).not.toContain(issued.body.secret);
    expect(await queryWith(await sign(issued.body.secret))).toBe(200);

    // A new secret replaces it: new tokens signed with the old one are refused at once on this instance.
    const next = await adminApi.issueEmbedSecret(acme);
    expect(next.body.fingerprint).not.toBe(issued.body.fingerprint);
    // (A token verified before is reused up to a minute; a token not seen before is checked against the new secret.)
    const fresh = await new SignJWT({ tenant: 'acme', dashboards: ['cluster-overview'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('another-user').setAudience('pulseboard').setExpirationTime('4m').sign(new TextEncoder().encode(issued.body.secret));
    expect(await queryWith(fresh)).toBe(401);
    expect(await queryWith(await sign(next.body.secret))).toBe(200);
  });

  it('sets validated origins (frame-ancestors at once) and an https JWKS URL, refusing anything else by path', async () => {
    const ok = await adminApi.setEmbed({ allowedOrigins: ['https://app.acme.example', 'http://127.0.0.1:4150', 'https://app.acme.example'], jwksUrl: 'https://id.acme.example/.well-known/jwks.json' }, acme);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ allowedOrigins: ['https://app.acme.example', 'http://127.0.0.1:4150'], jwksUrl: 'https://id.acme.example/.well-known/jwks.json', embeds: true });
    expect(await frameAncestors('acme')).toBe('https://app.acme.example http://127.0.0.1:4150');
    // An origin goes verbatim into a CSP header: no paths, no spaces, no semicolons, no wildcards.
    for (const origin of ['https://a.example/path', "https://a.example; script-src 'unsafe-inline'", '*', 'https://*.a.example', 'https://A.example', 'javascript:alert(1)']) {
      expect((await adminApi.setEmbed({ allowedOrigins: [origin], jwksUrl: null }, acme)).body.error, origin).toMatchObject({ code: 'invalid_input', path: 'allowedOrigins.0' });
    }
    for (const jwksUrl of ['http://id.acme.example/jwks', 'https://127.0.0.1/jwks', 'file:///etc/passwd', 'not a url']) {
      expect((await adminApi.setEmbed({ allowedOrigins: [], jwksUrl }, acme)).body.error, jwksUrl).toMatchObject({ code: 'invalid_input', path: 'jwksUrl' });
    }
    expect((await adminApi.setEmbed({ allowedOrigins: Array.from({ length: 21 }, (_, i) => `https://a${i}.example`), jwksUrl: null }, acme)).body.error).toMatchObject({ code: 'invalid_input', path: 'allowedOrigins' });
    expect(await frameAncestors('acme')).toBe('https://app.acme.example http://127.0.0.1:4150');
  });

  it("keeps each tenant's settings to itself", async () => {
    expect((await adminApi.embed(globex)).body).toEqual({ allowedOrigins: [], jwksUrl: null, secret: null, embeds: false });
    expect(await frameAncestors('globex')).toBe("'none'");
    const acmeSecret = (await adminApi.issueEmbedSecret(acme)).body.secret;
    // acme's secret signs nothing for globex, and globex's admin changes only globex.
    expect(await queryWith(await sign(acmeSecret, 'globex'))).toBe(401);
    await adminApi.setEmbed({ allowedOrigins: ['https://globex.example'], jwksUrl: null }, globex);
    expect(await frameAncestors('acme')).toBe('https://app.acme.example http://127.0.0.1:4150');
    expect((await adminApi.embed(acme)).body.allowedOrigins).toEqual(['https://app.acme.example', 'http://127.0.0.1:4150']);
  });

  it('removes the secret (HS256 tokens refused) and audits every change without the secret', async () => {
    const secret = (await adminApi.issueEmbedSecret(acme)).body.secret;
    expect((await adminApi.removeEmbedSecret(acme)).body).toEqual({ removed: true });
    expect((await adminApi.removeEmbedSecret(acme)).body).toEqual({ removed: false });
    expect(await queryWith(await sign(secret))).toBe(401);
    const log = (await adminApi.audit('?limit=200', acme)).body.entries as { action: string; actor: string; detail: object }[];
    const actions = log.map((e) => e.action);
    expect(actions).toContain('embed_secret_rotated');
    expect(actions).toContain('embed_settings_changed');
    expect(actions).toContain('embed_secret_removed');
    expect(JSON.stringify(log)).not.toContain(secret);
    expect((await adminApi.audit('?limit=200', globex)).body.entries.filter((e: { actor: string }) => e.actor !== 'demo@globex.test')).toEqual([]);
  });
});

describe('invitations, from the invitee side', () => {
  it('shows what the invitation grants, signs a new account in at once with its name, and is used once', async () => {
    const { token } = (await adminApi.invite({ email: 'newbie@example.test', role: 'editor' }, globex)).body;
    expect((await adminApi.lookup({ token })).body).toMatchObject({ tenant: 'globex', tenantName: 'Globex', email: 'newbie@example.test', role: 'editor', hasAccount: false });
    expect((await adminApi.lookup({ token: 'x'.repeat(32) })).body.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(/unknown, used or expired/) });
    expect((await adminApi.accept({ token, name: 'Nia' })).body.error).toMatchObject({ code: 'invalid_input', path: 'password' });
    expect((await adminApi.accept({ token, name: 'Nia', password: 'short' })).body.error).toMatchObject({ code: 'invalid_input', path: 'password' });
    expect((await adminApi.lookup({ token })).status).toBe(200);
    const accepted = await adminApi.accept({ token, name: '  Nia Newbie ', password: 'a good password' });
    expect(accepted.body).toEqual({ tenant: 'globex', email: 'newbie@example.test', role: 'editor', signedIn: true });
    expect((await api.session(cookieOf(accepted))).body.user).toEqual({ email: 'newbie@example.test', tenant: 'globex', tenantName: 'Globex', role: 'editor' });
    expect((await adminApi.users(globex)).body.members).toContainEqual(expect.objectContaining({ email: 'newbie@example.test', name: 'Nia Newbie', role: 'editor' }));
    expect((await adminApi.lookup({ token })).status).toBe(404);
    expect((await adminApi.accept({ token, password: 'a good password' })).status).toBe(404);
  });

  it("never signs an existing account in by the token, nor changes its password (the inviter holds the token too)", async () => {
    const { token } = (await adminApi.invite({ email: 'demo@acme.test', role: 'viewer' }, globex)).body;
    expect((await adminApi.lookup({ token })).body).toMatchObject({ email: 'demo@acme.test', hasAccount: true });
    const accepted = await adminApi.accept({ token, password: 'chosen by the inviter' });
    expect(accepted.body).toEqual({ tenant: 'globex', email: 'demo@acme.test', role: 'viewer', signedIn: false });
    expect(accepted.headers.get('set-cookie')).toBeNull();
    expect((await api.login('demo@acme.test', 'chosen by the inviter')).status).toBe(401);
    expect((await api.login('demo@acme.test', 'demo')).status).toBe(200);
  });
});

describe('a user in several tenants', () => {
  let both: string;
  beforeAll(async () => {
    const { store } = await getRuntime();
    const user = await store.users.ensure({ email: 'both@multi.test', passwordHash: await hashPassword('a good password') });
    await store.memberships.put('initech', user.id, 'viewer');
    // Oldest membership first: apart in time, or the tie goes to the tenant id (globex).
    await new Promise((r) => setTimeout(r, 20));
    await store.memberships.put('globex', user.id, 'editor');
    both = cookieOf(await api.login('both@multi.test', 'a good password'));
  });

  it('lists their tenants and roles, the current one marked', async () => {
    expect((await tenantsApi.mine(both)).body.tenants).toEqual([
      { tenant: 'initech', tenantName: 'Initech', role: 'viewer', current: true },
      { tenant: 'globex', tenantName: 'Globex', role: 'editor', current: false },
    ]);
    expect((await tenantsApi.mine()).status).toBe(401);
  });

  it('cannot switch into a tenant without a membership, existing or not: 404 JSON, the session unchanged', async () => {
    for (const tenant of ['acme', 'nowhere']) {
      const r = await tenantsApi.switchTo(tenant, both);
      expect([r.status, r.body.error.code, r.body.error.path]).toEqual([404, 'not_found', 'tenant']);
    }
    expect((await tenantsApi.switchTo('', both)).body.error).toMatchObject({ code: 'invalid_input', path: 'tenant' });
    expect((await tenantsApi.switchTo('globex')).status).toBe(401);
    expect((await api.session(both)).body.user.tenant).toBe('initech');
  });

  it('switches the session to another tenant with the role there, audited; the old session ends; revocation still works', async () => {
    const switched = await tenantsApi.switchTo('globex', both);
    expect(switched.body.user).toEqual({ email: 'both@multi.test', tenant: 'globex', tenantName: 'Globex', role: 'editor' });
    const inGlobex = cookieOf(switched);
    expect((await api.session(inGlobex)).body.user.tenant).toBe('globex');
    expect((await api.session(both)).status).toBe(401);
    expect((await adminApi.audit('?limit=20', globex)).body.entries).toContainEqual(expect.objectContaining({ actor: 'both@multi.test', action: 'tenant_switched', detail: { role: 'editor' } }));
    // Globex's admin removes them: the switched session is refused at once; initech's membership stays.
    const id = ((await adminApi.users(globex)).body.members as { id: number; email: string }[]).find((m) => m.email === 'both@multi.test')!.id;
    expect((await adminApi.remove(id, globex)).body).toEqual({ removed: true, sessionsRevoked: 1 });
    expect((await api.session(inGlobex)).status).toBe(401);
    const again = cookieOf(await api.login('both@multi.test', 'a good password'));
    expect((await tenantsApi.mine(again)).body.tenants.map((t: { tenant: string }) => t.tenant)).toEqual(['initech']);
    expect((await tenantsApi.switchTo('globex', again)).status).toBe(404);
  });
});
