import 'server-only';
import type { Queryable } from './sql';

export type EndedSession = { id: string; expiresAt: number };

/**
 * The record of sessions. The per-request check stays on lib/auth's fast path (signed cookie
 * plus revocation set); these rows are what an admin revokes through and what a restarted
 * instance reloads its revocations from.
 */
export function sessionsRepo(db: Queryable) {
  const ended = (rows: { id: string; expires_at: Date }[]): EndedSession[] => rows.map((r) => ({ id: r.id, expiresAt: r.expires_at.getTime() }));
  return {
    /** Records a new session of the user with this email; false when no such user exists. */
    async record(s: { id: string; email: string; tenant: string; expiresAt: number }): Promise<boolean> {
      const rows = await db.query(
        'insert into sessions (id, user_id, tenant_id, expires_at) select $1, u.id, $3, $4 from users u where u.email = $2 returning id',
        [s.id, s.email, s.tenant, new Date(s.expiresAt)],
      );
      return rows.length > 0;
    },

    async revoke(id: string): Promise<void> {
      await db.query('update sessions set revoked_at = now() where id = $1 and revoked_at is null', [id]);
    },

    /** Revokes every live session of the user in the tenant, returning them for the fast path. */
    async revokeForUser(tenant: string, userId: number): Promise<EndedSession[]> {
      return ended(
        await db.query('update sessions set revoked_at = now() where tenant_id = $1 and user_id = $2 and revoked_at is null and expires_at > now() returning id, expires_at', [tenant, userId]),
      );
    },

    /** Sessions revoked since `since` that have not expired yet. */
    async revokedSince(since: Date): Promise<EndedSession[]> {
      return ended(await db.query('select id, expires_at from sessions where revoked_at >= $1 and expires_at > now()', [since]));
    },

    /** Forgets sessions that expired before `before`. */
    async prune(before: Date): Promise<number> {
      return (await db.query('delete from sessions where expires_at < $1 returning id', [before])).length;
    },
  };
}
