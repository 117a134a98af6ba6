import 'server-only';
import type { Role } from '@/lib/contract/admin';
import type { Queryable } from './sql';


export type Membership = { tenant: string; tenantName: string; role: Role };
export type Member = { userId: number; email: string; name: string | null; role: Role; since: Date };

export function membershipsRepo(db: Queryable) {
  return {
    /** The tenants a user belongs to, oldest membership first (password sign-in uses the first). */
    async forUser(userId: number): Promise<Membership[]> {
      return db.query<Membership>(
        `select m.tenant_id as "tenant", t.name as "tenantName", m.role
         from memberships m join tenants t on t.id = m.tenant_id where m.user_id = $1 order by m.created_at, m.tenant_id`,
        [userId],
      );
    },

    /** A tenant's members by email. */
    async forTenant(tenant: string): Promise<Member[]> {
      return db.query<Member>(
        `select u.id as "userId", u.email, u.name, m.role, m.created_at as "since"
         from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 order by u.email`,
        [tenant],
      );
    },

    /** The role of the user with this email in this tenant, or null when they are not a member. */
    async roleOf(tenant: string, email: string): Promise<Role | null> {
      const rows = await db.query<{ role: Role }>(
        'select m.role from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and u.email = $2',
        [tenant, email],
      );
      return rows[0]?.role ?? null;
    },

    /** Adds the user to the tenant, or changes their role if they are a member already. */
    async put(tenant: string, userId: number, role: Role): Promise<void> {
      await db.query(
        `insert into memberships (tenant_id, user_id, role) values ($1, $2, $3)
         on conflict (tenant_id, user_id) do update set role = excluded.role`,
        [tenant, userId, role],
      );
    },

    /** False when the user is not a member of this tenant (another tenant's user included). */
    async setRole(tenant: string, userId: number, role: Role): Promise<boolean> {
      return (await db.query('update memberships set role = $3 where tenant_id = $1 and user_id = $2 returning user_id', [tenant, userId, role])).length > 0;
    },

    async remove(tenant: string, userId: number): Promise<boolean> {
      return (await db.query('delete from memberships where tenant_id = $1 and user_id = $2 returning user_id', [tenant, userId])).length > 0;
    },

    async adminCount(tenant: string): Promise<number> {
      const rows = await db.query<{ n: number }>("select count(*)::int as n from memberships where tenant_id = $1 and role = 'admin'", [tenant]);
      return rows[0]!.n;
    },
  };
}
