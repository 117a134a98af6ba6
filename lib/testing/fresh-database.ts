/**
 * Imported (for its effect) by test files that start the runtime: its app-state database is a
 * fresh one of this test file's own (a PGlite copy, or a new database on the test PostgreSQL).
 */
import { freshDataDir, freshPostgresDatabase, testingPostgres } from './store';

const server = testingPostgres();
if (server) process.env.PULSE_DATABASE_URL = (await freshPostgresDatabase(server)).url;
else process.env.PULSE_DATA_DIR = freshDataDir();
