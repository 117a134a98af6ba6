import 'server-only';
import type { Queryable } from './sql';

/** An annotation as stored (times in epoch ms); `author` is the author's email, null once their account is gone. */
export type AnnotationRow = {
  id: string;
  authorId: number | null;
  author: string | null;
  datasource: string;
  startMs: number;
  endMs: number | null;
  text: string;
  dimension: string | null;
  value: string | null;
  createdAt: Date;
};

const COLUMNS = `a.id, a.author_id::float8 as "authorId", u.email as author, a.datasource, a.start_ms::float8 as "startMs", a.end_ms::float8 as "endMs",
  a.text, a.dimension, a.value, a.created_at as "createdAt"`;
const FROM = 'annotations a left join users u on u.id = a.author_id';

export function annotationsRepo(db: Queryable) {
  return {
    /** The tenant's annotations of a datasource that touch [from, to), oldest first, at most `limit`. */
    async list(tenant: string, datasource: string, from: number, to: number, limit: number): Promise<AnnotationRow[]> {
      return db.query<AnnotationRow>(
        `select ${COLUMNS} from ${FROM} where a.tenant_id = $1 and a.datasource = $2 and a.start_ms < $4 and coalesce(a.end_ms, a.start_ms + 1) > $3
         order by a.start_ms, a.id limit $5`,
        [tenant, datasource, from, to, limit],
      );
    },

    /** The tenant's annotation of this id, or null (another tenant's included). */
    async get(tenant: string, id: string): Promise<AnnotationRow | null> {
      return (await db.query<AnnotationRow>(`select ${COLUMNS} from ${FROM} where a.tenant_id = $1 and a.id = $2`, [tenant, id]))[0] ?? null;
    },

    async count(tenant: string): Promise<number> {
      return Number((await db.query<{ n: string | number }>('select count(*) as n from annotations where tenant_id = $1', [tenant]))[0]!.n);
    },

    /** The author is named by email: the session knows the email, the row keeps the user's id. */
    async create(a: { id: string; tenant: string; author: string; datasource: string; startMs: number; endMs: number | null; text: string; dimension: string | null; value: string | null }): Promise<void> {
      await db.query(
        `insert into annotations (id, tenant_id, author_id, datasource, start_ms, end_ms, text, dimension, value)
         values ($1, $2, (select id from users where email = $3), $4, $5, $6, $7, $8, $9)`,
        [a.id, a.tenant, a.author, a.datasource, a.startMs, a.endMs, a.text, a.dimension, a.value],
      );
    },

    async remove(tenant: string, id: string): Promise<boolean> {
      return (await db.query('delete from annotations where tenant_id = $1 and id = $2 returning id', [tenant, id])).length > 0;
    },
  };
}
