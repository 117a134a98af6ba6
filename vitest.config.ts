import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // `server-only` throws outside a React server bundle; tests run on the server anyway.
      'server-only': fileURLToPath(new URL('./lib/testing/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'flink/**/*.test.ts', 'components/**/*.test.ts', 'app/**/*.test.ts', 'lint/**/*.test.mjs', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    // Suites that need the real Kafka/Druid/Flink run from their own configs (npm run test:stack).
    exclude: ['**/node_modules/**', '**/*.stack.test.ts', '**/*.pipeline.test.ts', '**/*.reliability.test.ts'],
    environment: 'node',
    // A migrated-from-nothing PGlite database per test file, copied from one template (lib/testing/store.ts).
    globalSetup: ['lib/testing/pglite-template.ts'],
    testTimeout: 30_000,
    // Set-up that starts the runtime seeds the sample data (2.1 M rows): over a minute when the
    // machine is loaded (seen at load 15–17 with a cluster suite beside it), seconds otherwise.
    hookTimeout: 180_000,
  },
});
