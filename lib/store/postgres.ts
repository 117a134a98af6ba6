import 'server-only';
import pg from 'pg';
import type { Db, Queryable } from './sql';

/** bigint columns (identities, counts) as numbers, as PGlite returns them: ours stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const wrap = (conn: pg.Pool | pg.PoolClient): Queryable => ({
  query: async <T extends object>(text: string, params?: unknown[]) => (await conn.query<T>(text, params)).rows,
  exec: async (text: string) => void (await conn.query(text)),
});

/** A PostgreSQL database shared by every instance, through a small pool of connections. */
export async function openPostgres(url: string, opts: { max?: number; onError?: (err: Error) => void } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 5, types, connectionTimeoutMillis: 5_000 });
  // An idle connection that breaks is dropped by the pool; say so instead of crashing the process.
  pool.on('error', (err) => opts.onError?.(err));
  await pool.query('select 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn(wrap(client));
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
