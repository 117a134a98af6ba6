import 'server-only';
import type { EndedSession } from '@/lib/auth/auth';
import type { User } from '@/lib/auth/users';
import type { Invitation, Member, Role, Thresholds } from '@/lib/contract/admin';
import { AppError } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';

/**
 * The tenant admin API's logic (/api/admin/…). Every call is scoped to the admin's own tenant,
 * taken from the verified session: another tenant's user is "not found", never "forbidden".
 */

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Only an admin of the session's tenant passes (the role is read now, so a demotion takes effect at once). */
export async function assertAdmin(store: Store, user: User): Promise<void> {
  if ((await store.memberships.roleOf(user.tenant, user.email)) !== 'admin') throw new AppError('forbidden', 'Only an admin of this tenant may do this.');
}

const iso = (d: Date) => d.toISOString();
const member = (m: { userId: number; email: string; name: string | null; role: Role; since: Date }): Member => ({ id: m.userId, email: m.email, name: m.name, role: m.role, since: iso(m.since) });
const invitation = (i: { email: string; role: Role; invitedBy: string; expiresAt: Date; createdAt: Date }): Invitation => ({ ...i, expiresAt: iso(i.expiresAt), createdAt: iso(i.createdAt) });
const notFound = () => new AppError('not_found', 'There is no such user in this tenant.');

export async function listUsers(store: Store, tenant: string) {
  const [members, invitations] = await Promise.all([store.memberships.forTenant(tenant), store.invitations.pending(tenant)]);
  return { members: members.map(member), invitations: invitations.map(invitation) };
}

async function findMember(store: Store, tenant: string, id: number) {
  const m = (await store.memberships.forTenant(tenant)).find((x) => x.userId === id);
  if (!m) throw notFound();
  return m;
}

/** A tenant keeps at least one admin: the last one can be neither demoted nor removed. */
async function assertNotLastAdmin(store: Store, tenant: string, m: { role: Role }, path?: string) {
  if (m.role === 'admin' && (await store.memberships.adminCount(tenant)) <= 1) throw new AppError('conflict', 'A tenant keeps at least one admin: make someone else admin first.', path);
}

export async function changeRole(store: Store, admin: User, id: number, role: Role): Promise<{ member: Member }> {
  const m = await findMember(store, admin.tenant, id);
  if (role !== 'admin') await assertNotLastAdmin(store, admin.tenant, m, 'role');
  await store.transaction(async (s) => {
    await s.memberships.setRole(admin.tenant, id, role);
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'role_changed', target: m.email, detail: { from: m.role, to: role } });
  });
  return { member: member({ ...m, role }) };
}

/** Removes the user from the tenant and ends their sessions in it; `revoke` refuses those on the fast path. */
export async function removeMember(store: Store, admin: User, id: number, revoke: (ended: EndedSession[]) => Promise<void>) {
  const m = await findMember(store, admin.tenant, id);
  await assertNotLastAdmin(store, admin.tenant, m);
  const ended = await store.transaction(async (s) => {
    const sessions = await s.sessions.revokeForUser(admin.tenant, id);
    await s.memberships.remove(admin.tenant, id);
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'user_removed', target: m.email, detail: { role: m.role, sessions: sessions.length } });
    return sessions;
  });
  await revoke(ended);
  return { removed: true as const, sessionsRevoked: ended.length };
}

export async function invite(store: Store, admin: User, body: { email: string; role: Role }, now = Date.now()) {
  const email = body.email.trim().toLowerCase();
  if ((await store.memberships.roleOf(admin.tenant, email)) !== null) throw new AppError('conflict', 'This person is a member already.', 'email');
  const expiresAt = new Date(now + INVITATION_TTL_MS);
  const { token } = await store.transaction(async (s) => {
    await s.invitations.withdraw(admin.tenant, email);
    const created = await s.invitations.create({ tenant: admin.tenant, email, role: body.role, invitedBy: admin.email, expiresAt });
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'user_invited', target: email, detail: { role: body.role } });
    return created;
  });
  return { invitation: invitation({ email, role: body.role, invitedBy: admin.email, expiresAt, createdAt: new Date(now) }), token };
}

export async function replaceThresholds(store: Store, admin: User, thresholds: Thresholds) {
  // Parameters left undefined are dropped, and so is a rule left with none.
  const clean = Object.fromEntries(
    Object.entries(thresholds)
      .map(([rule, params]) => [rule, Object.fromEntries(Object.entries(params ?? {}).filter(([, v]) => v !== undefined))] as const)
      .filter(([, params]) => Object.keys(params).length > 0),
  ) as Record<string, Record<string, number>>;
  await store.transaction(async (s) => {
    await s.thresholds.replace(admin.tenant, clean, s.tx);
    await s.audit.record({ tenant: admin.tenant, actor: admin.email, action: 'thresholds_changed', detail: clean });
  });
  return clean;
}

export async function auditPage(store: Store, tenant: string, q: { limit: number; before?: number }) {
  const entries = await store.audit.list(tenant, q);
  return {
    entries: entries.map((e) => ({ ...e, at: iso(e.at) })),
    next: entries.length === q.limit ? entries[entries.length - 1]!.id : null,
  };
}
