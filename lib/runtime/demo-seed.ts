import 'server-only';
import { hashPassword } from '@/lib/auth/password';
import type { SampleTenant } from '@/lib/auth/tenants';
import type { Role } from '@/lib/contract/admin';
import type { Store } from '@/lib/store/store';

/** The demo accounts (password "demo"): an admin for each sample tenant and a viewer at Acme. */
export const DEMO_ACCOUNTS: { email: string; tenant: string; role: Role }[] = [
  { email: 'demo@acme.test', tenant: 'acme', role: 'admin' },
  { email: 'ops@acme.test', tenant: 'acme', role: 'viewer' },
  { email: 'demo@globex.test', tenant: 'globex', role: 'admin' },
  { email: 'demo@initech.test', tenant: 'initech', role: 'admin' },
];

/**
 * Demo mode's tenants always exist (their data is generated); the demo accounts are created when
 * missing (hashed once, on the first start) and removed when demo accounts are turned off, so a
 * database that served the demo never keeps a "demo" password once real data arrives.
 */
export async function seedDemo(store: Store, tenants: Pick<SampleTenant, 'id' | 'name'>[], accounts: boolean): Promise<void> {
  for (const t of tenants) await store.tenants.create({ id: t.id, name: t.name });
  if (!accounts) {
    const removed = await store.users.removeDemo();
    if (removed) await store.audit.record({ tenant: null, actor: 'system', action: 'user_removed', detail: { demoAccounts: removed } });
    return;
  }
  for (const a of DEMO_ACCOUNTS) {
    if (!tenants.some((t) => t.id === a.tenant) || (await store.users.findByEmail(a.email))) continue;
    const user = await store.users.ensure({ email: a.email, passwordHash: await hashPassword('demo'), demo: true });
    await store.memberships.put(a.tenant, user.id, a.role);
  }
}
