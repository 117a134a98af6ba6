/**
 * Imported (for its effect) by test files that start the runtime: its app-state database is a
 * fresh one of this test file's own (a PGlite copy, or a new database on the test PostgreSQL),
 * removed when the file's tests are done.
 */
import { rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { freshDataDir, freshPostgresDatabase, testingPostgres } from './store';

const server = testingPostgres();
if (server) {
  const db = await freshPostgresDatabase(server);
  process.env.PULSE_DATABASE_URL = db.url;
  afterAll(() => db.drop());
} else {
  const dir = freshDataDir();
  process.env.PULSE_DATA_DIR = dir;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}
