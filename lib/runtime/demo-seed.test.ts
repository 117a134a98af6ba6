import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER } from '@/lib/auth/client-address';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { openTestStore } from '@/lib/testing/store';
import { createAuth } from './auth';
import { loadConfig } from './config';
import { DEMO_ACCOUNTS, seedDemo } from './demo-seed';

let store: Awaited<ReturnType<typeof openTestStore>>;
beforeAll(async () => {
  store = await openTestStore();
  await seedDemo(store, SAMPLE_TENANTS, true);
});
afterAll(() => store?.close());

const config = loadConfig({ PULSE_SECRET: 's'.repeat(40) });
const signInRequest = () => new Request('http://pulse.test/api/session', { method: 'POST', headers: { [PEER_ADDRESS_HEADER]: '203.0.113.7' } });
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('demo accounts in the database', () => {
  it('seeds the sample tenants, three admins and a viewer, once', async () => {
    await seedDemo(store, SAMPLE_TENANTS, true);
    expect((await store.tenants.list()).map((t) => t.id)).toEqual(['acme', 'globex', 'initech']);
    for (const a of DEMO_ACCOUNTS) expect(await store.memberships.roleOf(a.tenant, a.email)).toBe(a.role);
    expect(await store.memberships.roleOf('acme', 'ops@acme.test')).toBe('viewer');
    expect((await store.db.query<{ n: number }>('select count(*)::int as n from users'))[0]!.n).toBe(4);
  });

  it('signs in from the database, records the session and audits it, and keeps a revocation across a restart', async () => {
    const { auth } = await createAuth(config, undefined, store);
    const { user, setCookie } = await auth.signIn(signInRequest(), 'demo@globex.test', 'demo');
    expect(user).toEqual({ email: 'demo@globex.test', tenant: 'globex', tenantName: 'Globex', role: 'admin' });
    await expect(auth.signIn(signInRequest(), 'demo@globex.test', 'wrong')).rejects.toThrow(/wrong/);
    const cookie = cookieOf(setCookie);
    const session = await auth.sessionFromCookie(cookie);
    expect((await store.db.query('select tenant_id from sessions where id = $1 and revoked_at is null', [session.id])).length).toBe(1);
    expect((await store.audit.list('globex', { limit: 5 })).map((e) => e.action)).toEqual(['sign_in_failed', 'sign_in']);

    await auth.signOut(new Request('http://pulse.test/api/session', { method: 'DELETE', headers: { cookie } }));
    const { auth: restarted } = await createAuth(config, undefined, store);
    await expect(restarted.sessionFromCookie(cookie)).rejects.toThrow(/signed out/);
  });

  it('removes the demo accounts and their sessions when demo accounts are turned off', async () => {
    await seedDemo(store, SAMPLE_TENANTS, false);
    expect(await store.users.findByEmail('demo@acme.test')).toBeNull();
    expect((await store.db.query('select 1 from sessions')).length).toBe(0);
    const { auth } = await createAuth(config, undefined, store);
    await expect(auth.signIn(signInRequest(), 'demo@acme.test', 'demo')).rejects.toThrow(/wrong/);
    expect((await store.tenants.list()).length).toBe(3);
  });
});
