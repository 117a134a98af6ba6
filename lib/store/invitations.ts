import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@/lib/contract/admin';
import type { Queryable } from './sql';

export type Invitation = { email: string; role: Role; invitedBy: string; expiresAt: Date; createdAt: Date };
export type Accepted = { tenant: string; email: string; role: Role };
export type OpenInvitation = Accepted & { tenantName: string; expiresAt: Date };

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

export function invitationsRepo(db: Queryable) {
  return {
    /** A new invitation; the token is returned here only (the database keeps its hash). */
    async create(i: { tenant: string; email: string; role: Role; invitedBy: string; expiresAt: Date }): Promise<{ token: string }> {
      const token = randomBytes(24).toString('base64url');
      await db.query('insert into invitations (token_hash, tenant_id, email, role, invited_by, expires_at) values ($1, $2, $3, $4, $5, $6)', [
        hash(token),
        i.tenant,
        i.email.trim().toLowerCase(),
        i.role,
        i.invitedBy,
        i.expiresAt,
      ]);
      return { token };
    },

    /** The tenant's invitations not yet accepted nor expired, newest first. */
    async pending(tenant: string, now = new Date()): Promise<Invitation[]> {
      return db.query<Invitation>(
        `select email, role, invited_by as "invitedBy", expires_at as "expiresAt", created_at as "createdAt"
         from invitations where tenant_id = $1 and accepted_at is null and expires_at > $2 order by created_at desc`,
        [tenant, now],
      );
    },

    /** Withdraws the tenant's pending invitations of this email; false when there were none. */
    async withdraw(tenant: string, email: string): Promise<boolean> {
      return (await db.query('delete from invitations where tenant_id = $1 and email = $2 and accepted_at is null returning email', [tenant, email.trim().toLowerCase()])).length > 0;
    },

    /** What the invitation of this token grants while it is not accepted nor expired, else null (a cheap check before hashing a password). */
    async open(token: string, now = new Date()): Promise<OpenInvitation | null> {
      const rows = await db.query<OpenInvitation>(
        `select i.tenant_id as "tenant", t.name as "tenantName", i.email, i.role, i.expires_at as "expiresAt"
         from invitations i join tenants t on t.id = i.tenant_id where i.token_hash = $1 and i.accepted_at is null and i.expires_at > $2`,
        [hash(token), now],
      );
      return rows[0] ?? null;
    },

    /**
     * Marks the invitation of this token accepted and returns what it grants, or null when the
     * token is unknown, used or expired. Run it in the transaction that creates the membership.
     */
    async accept(token: string, now = new Date()): Promise<Accepted | null> {
      const rows = await db.query<Accepted>(
        `update invitations set accepted_at = $2 where token_hash = $1 and accepted_at is null and expires_at > $2
         returning tenant_id as "tenant", email, role`,
        [hash(token), now],
      );
      return rows[0] ?? null;
    },
  };
}
