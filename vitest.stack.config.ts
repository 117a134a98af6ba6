import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** The real-stack suites: Kafka, ZooKeeper and Druid must be up (stack/test.sh sees to it). */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['lib/**/*.stack.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
