import 'server-only';
import type { User } from '@/lib/auth/users';
import type { Role } from '@/lib/contract/admin';
import { canEdit } from '@/lib/contract/schemas';
import { AppError } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';

/** The user's role now (a demotion takes effect at once); a removed member is refused like a viewer. */
export async function roleNow(store: Store, user: User): Promise<Role | null> {
  return store.memberships.roleOf(user.tenant, user.email);
}

/** Editors and admins change what the tenant shares (shared views, the tenant's dashboards); viewers read. */
export async function assertEditor(store: Store, user: User, what: string): Promise<void> {
  const role = await roleNow(store, user);
  if (!role || !canEdit(role)) throw new AppError('forbidden', `Only editors and admins of this tenant may ${what}.`);
}

/** Random lowercase ids: nothing to count up or guess. */
export function newId(bytes = 10): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes * 2)), (b) => alphabet[b % 36]).join('').slice(0, bytes * 2);
}
