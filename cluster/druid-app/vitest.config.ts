import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/** The Druid + app cluster suite (cluster/druid-app/test.sh starts the processes first). */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    ...base.test,
    include: ['cluster/druid-app/*.cluster.test.ts'],
    exclude: ['**/node_modules/**'],
    // No app-state database in this process: the apps have their own PostgreSQL.
    globalSetup: [],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
