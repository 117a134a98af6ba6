import 'server-only';
import type { InvitationDetails } from '@/lib/contract/admin';
import { AppError, invalid } from '@/lib/errors/app-error';
import type { Store } from '@/lib/store/store';

/**
 * The invitee's side of an invitation (no session): what it grants, and accepting it. The token
 * is the invitation's only key; it comes in request bodies, never in URLs (the link keeps it in
 * the fragment, which browsers send to no server and put in no Referer).
 */

const gone = () => new AppError('not_found', 'This invitation is unknown, used or expired. Ask your admin for a new one.');

export async function lookUpInvitation(store: Store, token: string): Promise<InvitationDetails> {
  const open = await store.invitations.open(token);
  if (!open) throw gone();
  const hasAccount = (await store.users.findByEmail(open.email)) !== null;
  return { ...open, expiresAt: open.expiresAt.toISOString(), hasAccount };
}

export type AcceptedInvitation = { tenant: string; tenantName: string; email: string; role: InvitationDetails['role']; newAccount: boolean };

/**
 * Accepts an invitation: a new email gets an account with this name and password (and may be
 * signed in at once). An existing account keeps its password and is not signed in: the token
 * proves the email, and whoever invited holds it too, so it must not open someone's account (or,
 * through the tenant switcher, their other tenants). 404 for a token unknown, used or expired.
 */
export async function acceptInvitation(store: Store, body: { token: string; name?: string; password?: string }, hash: (password: string) => Promise<string>): Promise<AcceptedInvitation> {
  // Guessed tokens cost no hashing (the hasher is shared with sign-in).
  const open = await store.invitations.open(body.token);
  if (!open) throw gone();
  const existing = await store.users.findByEmail(open.email);
  if (!existing && body.password === undefined) throw invalid('Choose a password for your new account.', 'password');
  const passwordHash = existing ? null : await hash(body.password!);
  const accepted = await store.transaction(async (s) => {
    const grant = await s.invitations.accept(body.token);
    if (!grant) return null;
    const created = passwordHash === null ? null : await s.users.createIfAbsent({ email: grant.email, name: body.name ?? null, passwordHash });
    const user = created ?? (await s.users.findByEmail(grant.email));
    // The account went away between the two reads: refuse, and the invitation stays open (rolled back).
    if (!user) throw invalid('Choose a password for your new account.', 'password');
    await s.memberships.put(grant.tenant, user.id, grant.role);
    await s.audit.record({ tenant: grant.tenant, actor: grant.email, action: 'invitation_accepted', target: grant.email, detail: { role: grant.role, newAccount: created !== null } });
    return { ...grant, tenantName: (await s.tenants.get(grant.tenant))!.name, newAccount: created !== null };
  });
  if (!accepted) throw gone();
  return accepted;
}
