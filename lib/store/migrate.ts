import 'server-only';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './sql';

/** Where the numbered migrations are (NNN_name.sql); the app, the CLI and tests run from the checkout. */
export const MIGRATIONS_DIR = join(process.cwd(), 'lib/store/migrations');

/** Any constant: every instance takes the same advisory lock while it migrates. */
const MIGRATION_LOCK = 7_236_001;

export type Migration = { version: number; name: string; sql: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  // Read at run time from the checkout, not bundled: the ignore comments keep Next.js from tracing the whole project.
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`Migration file ${file} is not named NNN_name.sql`);
    const version = Number(m[1]);
    if (version !== out.length + 1) throw new Error(`Migration ${file} is out of sequence: expected ${String(out.length + 1).padStart(3, '0')}`);
    out.push({ version, name: m[2]!, sql: await readFile(/*turbopackIgnore: true*/ join(/*turbopackIgnore: true*/ dir, file), 'utf8') });
  }
  return out;
}

/**
 * Applies the migrations not yet applied, in order, in one transaction under an advisory lock:
 * instances starting together take turns, and the later ones find nothing left to do. A failing
 * migration rolls back whole. Returns the versions applied now.
 */
export async function migrate(db: Db, migrations: Migration[]): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => !known.has(v));
    if (unknown.length) throw new Error(`The database has migrations this version does not know (${unknown.join(', ')}): it was migrated by a newer Pulseboard.`);
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
