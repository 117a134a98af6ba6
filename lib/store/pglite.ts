import 'server-only';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable } from './sql';

const wrap = (conn: PGlite | Transaction): Queryable => ({
  query: async <T extends object>(text: string, params?: unknown[]) => (await conn.query<T>(text, params)).rows,
  exec: async (text: string) => void (await conn.exec(text)),
});

/**
 * Embedded PostgreSQL in a directory. One process may open a directory at a time (PGlite is a
 * single-user server); a lock file beside it turns a second opener (a CLI while the app runs)
 * into a clear error instead of a corrupted database. `memory://` is a throwaway database.
 */
export async function openPglite(dir: string): Promise<Db> {
  const release = dir.startsWith('memory://') ? async () => {} : await lockDirectory(dir);
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir);
  } catch (err) {
    await release();
    throw err;
  }
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: async () => {
      await pg.close();
      await release();
    },
  };
}

/** Holds `<dir>.lock` (our pid) until released; a lock left by a process that is gone is taken over. */
async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const path = `${dir.replace(/\/+$/, '')}.lock`;
  await mkdir(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600);
      await file.writeFile(String(process.pid));
      await file.close();
      return () => unlink(path).catch(() => {});
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (holder && holder !== process.pid && alive(holder)) {
        throw new Error(`The embedded database ${dir} is in use by process ${holder}. Stop it first, or share a PostgreSQL database (PULSE_DATABASE_URL).`, { cause: err });
      }
      await unlink(path).catch(() => {});
    }
  }
  throw new Error(`Could not lock the embedded database ${dir}.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
