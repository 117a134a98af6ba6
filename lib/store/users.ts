import 'server-only';
import type { Role } from '@/lib/contract/admin';
import type { Queryable } from './sql';

export type StoredUser = { id: number; email: string; name: string | null; passwordHash: string | null; demo: boolean; createdAt: Date };

type Row = { id: number; email: string; name: string | null; password_hash: string | null; demo: boolean; created_at: Date };
const user = (r: Row): StoredUser => ({ id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash, demo: r.demo, createdAt: r.created_at });

/** Emails are kept trimmed and lowercase, so one person is one row however they type it. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** What password sign-in needs: the user, their hash, and their first tenant (oldest membership). */
export type StoredLogin = { email: string; passwordHash: string | null; tenant: string; tenantName: string; role: Role };

export function usersRepo(db: Queryable) {
  return {
    /** Null for an unknown email and for a user who belongs to no tenant. */
    async findLogin(email: string): Promise<StoredLogin | null> {
      const rows = await db.query<StoredLogin>(
        `select u.email, u.password_hash as "passwordHash", m.tenant_id as "tenant", t.name as "tenantName", m.role
         from users u join memberships m on m.user_id = u.id join tenants t on t.id = m.tenant_id
         where u.email = $1 order by m.created_at, m.tenant_id limit 1`,
        [normalizeEmail(email)],
      );
      return rows[0] ?? null;
    },

    async findByEmail(email: string): Promise<StoredUser | null> {
      const rows = await db.query<Row>('select * from users where email = $1', [normalizeEmail(email)]);
      return rows[0] ? user(rows[0]) : null;
    },

    /** The user with this email, created (with this password hash) if there was none. */
    async ensure(u: { email: string; passwordHash: string | null; demo?: boolean }): Promise<StoredUser> {
      const rows = await db.query<Row>(
        `insert into users (email, password_hash, demo) values ($1, $2, $3)
         on conflict (email) do update set email = excluded.email returning *`,
        [normalizeEmail(u.email), u.passwordHash, u.demo ?? false],
      );
      return user(rows[0]!);
    },

    /** A new user, or null when the email has an account already (which is left as it is). */
    async createIfAbsent(u: { email: string; name: string | null; passwordHash: string }): Promise<StoredUser | null> {
      const rows = await db.query<Row>('insert into users (email, name, password_hash) values ($1, $2, $3) on conflict (email) do nothing returning *', [
        normalizeEmail(u.email),
        u.name,
        u.passwordHash,
      ]);
      return rows[0] ? user(rows[0]) : null;
    },

    async setPassword(id: number, passwordHash: string): Promise<void> {
      await db.query('update users set password_hash = $2 where id = $1', [id, passwordHash]);
    },

    /** Removes the seeded demo accounts (demo accounts turned off); their sessions and memberships go with them. */
    async removeDemo(): Promise<number> {
      return (await db.query('delete from users where demo returning id')).length;
    },
  };
}
