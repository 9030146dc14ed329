import { defineConfig } from 'vitest/config';

/** The resource-instance benchmarks on the test run's setup (one DynamoDB Local, an in-process workflow runner). */
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/env.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
