import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The multi-process cluster suites (cluster/<part>/test.sh starts the part and runs its file). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['cluster/**/*.cluster.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 600_000,
  },
});
