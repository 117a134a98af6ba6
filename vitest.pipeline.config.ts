import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The Flink pipeline suite and the other tests that need a real Kafka but not Druid (the webhook
 * outbox crash test): a private Kafka must be up and PIPELINE_KAFKA set (flink/test.sh sees to it).
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['flink/**/*.pipeline.test.ts', 'lib/**/*.pipeline.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
