import 'server-only';
import type { Queryable } from './sql';

export type Tenant = { id: string; name: string; createdAt: Date };
/**
 * What signed embedding needs of a tenant: its HS256 secret (as stored: sealed by the runtime,
 * lib/auth/secret-box.ts, never the plain secret) or its vendor's JWKS, and who may frame it.
 */
export type EmbedSettings = { secret: string | null; jwksUrl: string | null; allowedOrigins: string[] };

/** Tenant ids are short lowercase slugs: they appear in URLs, logs and every data row. */
export const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

type Row = { id: string; name: string; created_at: Date };
const tenant = (r: Row): Tenant => ({ id: r.id, name: r.name, createdAt: r.created_at });

export function tenantsRepo(db: Queryable) {
  return {
    /** The new tenant, or null when the id is taken. */
    async create(t: { id: string; name: string }): Promise<Tenant | null> {
      const rows = await db.query<Row>('insert into tenants (id, name) values ($1, $2) on conflict (id) do nothing returning *', [t.id, t.name]);
      return rows[0] ? tenant(rows[0]) : null;
    },

    /** Within a transaction: holds the tenant's row, so one instance at a time counts and adds what the tenant may keep a bounded number of. */
    async lock(id: string): Promise<void> {
      await db.query('select id from tenants where id = $1 for update', [id]);
    },

    async get(id: string): Promise<Tenant | null> {
      const rows = await db.query<Row>('select * from tenants where id = $1', [id]);
      return rows[0] ? tenant(rows[0]) : null;
    },

    async list(): Promise<Tenant[]> {
      return (await db.query<Row>('select * from tenants order by id')).map(tenant);
    },

    /** Null for an unknown tenant; a tenant that never configured embedding has no secret and no origins. */
    async embedSettings(tenantId: string): Promise<EmbedSettings | null> {
      const rows = await db.query<{ secret: string | null; jwks_url: string | null; allowed_origins: string[] | null }>(
        'select e.secret, e.jwks_url, e.allowed_origins from tenants t left join tenant_embed e on e.tenant_id = t.id where t.id = $1',
        [tenantId],
      );
      const r = rows[0];
      return r ? { secret: r.secret, jwksUrl: r.jwks_url, allowedOrigins: r.allowed_origins ?? [] } : null;
    },

    /** Replaces the tenant's (sealed) HS256 embedding secret, or removes it (null): tokens signed with the old one stop verifying. */
    async setEmbedSecret(tenantId: string, sealed: string | null): Promise<void> {
      await db.query(
        `insert into tenant_embed (tenant_id, secret) values ($1, $2)
         on conflict (tenant_id) do update set secret = excluded.secret, updated_at = now()`,
        [tenantId, sealed],
      );
    },

    /** Stores the same secret sealed with a newer key, unless it was replaced in the meantime. */
    async resealEmbedSecret(tenantId: string, from: string, to: string): Promise<void> {
      await db.query('update tenant_embed set secret = $3 where tenant_id = $1 and secret = $2', [tenantId, from, to]);
    },

    async setEmbedOrigins(tenantId: string, settings: { jwksUrl: string | null; allowedOrigins: string[] }): Promise<void> {
      await db.query(
        `insert into tenant_embed (tenant_id, jwks_url, allowed_origins) values ($1, $2, $3)
         on conflict (tenant_id) do update set jwks_url = excluded.jwks_url, allowed_origins = excluded.allowed_origins, updated_at = now()`,
        [tenantId, settings.jwksUrl, settings.allowedOrigins],
      );
    },
  };
}
