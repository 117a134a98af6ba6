import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/** npm run test:reliability — fuzzing, injection, tenant attacks, faults, overload. */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['**/*.reliability.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 600_000 },
});
