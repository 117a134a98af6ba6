/**
 * A database of its own for a test: a copy of the PGlite template (pglite-template.ts), or, with
 * PULSE_TEST_DATABASE_URL (npm run test:postgres), a new database on that PostgreSQL server,
 * dropped again on close. Either way every migration runs on it.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Store } from '@/lib/store/store';

/** A fresh PGlite directory (copied from the template) under a new temp directory; returns the data dir. */
export function freshDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-test-data-'));
  cpSync(inject('pgliteTemplate'), join(dataDir, 'pglite'), { recursive: true });
  return dataDir;
}

/** A new, empty database on the test PostgreSQL server; its URL and how to drop it. */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pulse_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const testingPostgres = () => process.env.PULSE_TEST_DATABASE_URL;

/** Opens a fresh store; `close` also removes its data. */
export async function openTestStore(): Promise<Store & { dataDir: string; databaseUrl?: string }> {
  const server = testingPostgres();
  const dataDir = server ? mkdtempSync(join(tmpdir(), 'pulse-test-data-')) : freshDataDir();
  const pgDb = server ? await freshPostgresDatabase(server) : undefined;
  const store = await openStore({ databaseUrl: pgDb?.url, pgliteDir: join(dataDir, 'pglite') });
  return {
    ...store,
    dataDir,
    databaseUrl: pgDb?.url,
    close: async () => {
      await store.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
