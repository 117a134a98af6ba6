import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_TENANTS } from '@/lib/auth/tenants';
import { openTestStore } from '@/lib/testing/store';
import { provisionFromProvider } from './auth';
import { seedDemo } from './demo-seed';

let store: Awaited<ReturnType<typeof openTestStore>>;
beforeAll(async () => {
  store = await openTestStore();
  await seedDemo(store, SAMPLE_TENANTS, true);
});
afterAll(() => store?.close());

describe('users who sign in through the identity provider', () => {
  const provision = () => provisionFromProvider(store);
  const event = (email: string, tenant: string, role: 'viewer' | 'editor' | 'admin') => ({ method: 'oidc' as const, user: { email, tenant, tenantName: tenant, role }, address: '203.0.113.7' });

  it('join the database with the role the provider vouches for, refreshed at each sign-in', async () => {
    await provision()(event('sso@acme.test', 'acme', 'editor'));
    expect(await store.memberships.roleOf('acme', 'sso@acme.test')).toBe('editor');
    expect((await store.users.findByEmail('sso@acme.test'))?.passwordHash).toBeNull();
    await provision()(event('sso@acme.test', 'acme', 'viewer'));
    expect(await store.memberships.roleOf('acme', 'sso@acme.test')).toBe('viewer');
  });

  it("carry the tenant's name as the database holds it", async () => {
    await store.tenants.create({ id: 'shop', name: 'Shop Incorporated' });
    expect(await provision()(event('owner@shop.test', 'shop', 'admin'))).toEqual({ email: 'owner@shop.test', tenant: 'shop', tenantName: 'Shop Incorporated', role: 'admin' });
  });

  it('are refused for an organisation the database does not hold, and nothing is written', async () => {
    await expect(provision()(event('stray@nowhere.test', 'nowhere', 'admin'))).rejects.toMatchObject({ code: 'forbidden' });
    expect(await store.users.findByEmail('stray@nowhere.test')).toBeNull();
  });

  it('leave password sign-ins alone', async () => {
    await provision()({ ...event('demo@acme.test', 'acme', 'viewer'), method: 'password' });
    expect(await store.memberships.roleOf('acme', 'demo@acme.test')).toBe('admin');
  });
});
