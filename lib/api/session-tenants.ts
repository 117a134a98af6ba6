import 'server-only';
import type { Auth } from '@/lib/auth/auth';
import type { Session } from '@/lib/auth/session';
import type { User } from '@/lib/auth/users';
import type { MyTenants } from '@/lib/contract/admin';
import { AppError } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';

/**
 * A person in several tenants: password sign-in starts in their oldest membership; the user menu
 * lists the others and moves the session to one of them. The membership is read now, so a
 * removed member cannot switch back in, and the new session is recorded like any sign-in, so
 * their admins can revoke it.
 */

async function memberships(store: Store, email: string) {
  const account = await store.users.findByEmail(email);
  return account ? store.memberships.forUser(account.id) : [];
}

export async function myTenants(store: Store, user: User): Promise<MyTenants> {
  return { tenants: (await memberships(store, user.email)).map((m) => ({ ...m, current: m.tenant === user.tenant })) };
}

/** A new session in `tenant` with the user's role there (its cookie), the current session revoked. 404 without a membership. */
export async function switchTenant(store: Store, auth: Auth, current: Session, tenant: string): Promise<{ user: User; setCookie: string }> {
  const membership = (await memberships(store, current.user.email)).find((m) => m.tenant === tenant);
  // The same answer whether the tenant exists or not: nobody learns of tenants they are not in.
  if (!membership) throw new AppError('not_found', 'You are not a member of this organisation.', 'tenant');
  const user: User = { email: current.user.email, tenant, tenantName: membership.tenantName, role: membership.role };
  const setCookie = await auth.sessionCookie(user);
  await auth.revokeEnded([{ id: current.id, expiresAt: current.expiresAt }]);
  await store.sessions.revoke(current.id);
  // Audited in the tenant switched to only: no tenant's admins learn of the user's other tenants.
  await store.audit.record({ tenant, actor: user.email, action: 'tenant_switched', detail: { role: user.role } });
  return { user, setCookie };
}
