import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The multi-process cluster suites (each runner script starts its part and runs its file). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['cluster/**/*.cluster.test.ts'],
    exclude: ['**/node_modules/**'],
    // No app-state database in the test process: the apps under test have their own PostgreSQL.
    globalSetup: [],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 600_000,
  },
});
